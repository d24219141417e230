import { defineRoute } from "@/lib/auth/route";
import { listSites } from "@/lib/db/sites";

export const GET = defineRoute({
  permission: "site:read",
  handler: async ({ actor, db }) => ({ sites: (await listSites(db, { actor })).map((s) => ({ id: s.id, code: s.code, name: s.name, country: s.country })) }),
});
