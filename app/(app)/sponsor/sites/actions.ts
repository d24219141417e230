"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/action";
import { createSite, updateSite } from "@/lib/organization/sites";
import { ZCreateSite, ZUpdateSite } from "@/lib/validation/site";

export const createSiteAction = defineAction({
  permission: "site:manage",
  input: ZCreateSite,
  handler: async ({ actor, input, db }) => {
    const site = await createSite(db, { actor, input });
    revalidatePath("/sponsor/sites");
    return { id: site.id };
  },
});

export const updateSiteAction = defineAction({
  permission: "site:manage",
  input: ZUpdateSite,
  handler: async ({ actor, input, db }) => {
    const site = await updateSite(db, { actor, input });
    revalidatePath("/sponsor/sites");
    return { id: site.id };
  },
});
