import { defineRoute } from "@/lib/auth/route";

export const GET = defineRoute({
  permission: "me:read",
  handler: async ({ actor }) => ({ id: actor.id, email: actor.email, name: actor.name, role: actor.role, siteIds: actor.siteIds }),
});
