import { queryResource, ZPostReopenBody } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { transitionQuery } from "@/lib/queries/queries";

export const POST = defineRoute({
  params: { id: "id" },
  permission: "query:close",
  body: ZPostReopenBody,
  handler: async ({ actor, body, params, db }) => queryResource(await transitionQuery(db, { actor, queryId: params.id ?? "", step: "reopen", text: body.text })),
});
