import { defineRoute } from "@/lib/auth/route";

export const GET = defineRoute({
  permission: "me:read",
  handler: async ({ actor }) => ({ email: actor.email, role: actor.role, siteIds: actor.siteIds }),
});
