import { escalationResource } from "@/lib/api/safety-api";
import { defineRoute } from "@/lib/auth/route";
import { resolveEscalation } from "@/lib/safety-records/safety-records";
import { ZResolveEscalation } from "@/lib/validation/safety";

export const POST = defineRoute({
  params: { id: "id" },
  permission: "escalation:resolve",
  body: ZResolveEscalation,
  handler: async ({ actor, body, params, db }) => escalationResource(await resolveEscalation(db, { actor, escalationId: params.id ?? "", input: body })),
});
