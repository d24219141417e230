"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { createSite, updateSite } from "@/lib/organization/sites";
import { ZCreateSite, ZUpdateSite } from "@/lib/validation/site";

export const createSiteAction = defineFormAction({
  permission: "site:manage",
  input: ZCreateSite,
  handler: async ({ actor, input, db }) => {
    const site = await createSite(db, { actor, input });
    return { id: site.id };
  },
  revalidate: () => ["/sponsor/sites"],
});

export const updateSiteAction = defineFormAction({
  permission: "site:manage",
  input: ZUpdateSite,
  handler: async ({ actor, input, db }) => {
    const site = await updateSite(db, { actor, input });
    return { id: site.id };
  },
  revalidate: () => ["/sponsor/sites"],
});
