import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { defineRoute } from "@/lib/auth/route";
import { ZCreateApiToken } from "@/lib/validation/auth";

export const GET = defineRoute({
  permission: "token:manage",
  handler: async ({ actor, db }) => ({ tokens: await listApiTokens(db, { actor }) }),
});

export const POST = defineRoute({
  permission: "token:manage",
  sessionOnly: true,
  body: ZCreateApiToken.partial(),
  status: 201,
  handler: async ({ actor, body, db }) => {
    const created = await createApiToken(db, { actor, name: body.name ?? "API token" });
    return { id: created.id, token: created.token };
  },
});
