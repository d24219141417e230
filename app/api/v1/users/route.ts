import { defineRoute } from "@/lib/auth/route";
import { listUsers } from "@/lib/db/users";

export const GET = defineRoute({
  permission: "user:read",
  handler: async ({ actor, db }) => ({
    users: (await listUsers(db, { actor })).map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      siteIds: u.role === "INVESTIGATOR" ? u.sites.map((s) => s.site.id).sort() : [],
      disabled: u.disabledAt !== null,
    })),
  }),
});
