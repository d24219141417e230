import { queryResource } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { getQuery } from "@/lib/db/queries";
import { AppError } from "@/lib/errors";

export const GET = defineRoute({
  params: { id: "id" },
  permission: "query:read",
  handler: async ({ actor, params, db }) => {
    const query = await getQuery(db, { actor, queryId: params.id ?? "" });
    if (!query) throw new AppError("not_found", "No such query.", undefined, { key: "refusal.noSuchQuery" });
    return queryResource(query);
  },
});
