import { queryResource, ZPostQueryBody } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { raiseQuery } from "@/lib/queries/queries";

export const POST = defineRoute({
  permission: "query:raise",
  body: ZPostQueryBody,
  status: 201,
  handler: async ({ actor, body, db }) => queryResource(await raiseQuery(db, { actor, input: body })),
});
