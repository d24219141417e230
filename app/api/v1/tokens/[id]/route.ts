import { revokeApiToken } from "@/lib/auth/api-tokens";
import { defineRoute } from "@/lib/auth/route";

export const DELETE = defineRoute({
  permission: "token:manage",
  handler: async ({ actor, params, db }) => {
    await revokeApiToken(db, { actor, id: params.id ?? "" });
  },
});
