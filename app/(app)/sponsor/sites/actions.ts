"use server";

import { defineAction } from "@/lib/auth/action";
import { createSite, updateSite } from "@/lib/organization/sites";
import { ZCreateSite, ZUpdateSite } from "@/lib/validation/site";

export const createSiteAction = defineAction({
  permission: "site:manage",
  input: ZCreateSite,
  handler: async ({ actor, input, db }) => {
    const site = await createSite(db, { actor, input });
    return { id: site.id };
  },
  revalidate: () => ["/sponsor/sites"],
});

export const updateSiteAction = defineAction({
  permission: "site:manage",
  input: ZUpdateSite,
  handler: async ({ actor, input, db }) => {
    const site = await updateSite(db, { actor, input });
    return { id: site.id };
  },
  revalidate: () => ["/sponsor/sites"],
});
