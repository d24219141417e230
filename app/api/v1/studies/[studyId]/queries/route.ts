import { queryResource } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { listStudyQueries } from "@/lib/db/queries";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { ZQueryStatus } from "@/lib/validation/query";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "query:read",
  handler: async ({ actor, params, request, db }) => {
    const raw = new URL(request.url).searchParams.get("status");
    const status = raw === null || raw === "" ? undefined : ZQueryStatus.safeParse(raw);
    if (status && !status.success) throw new AppError("bad_request", "status: must be open, answered or closed", "status", { key: "refusal.queryStatusFilter", params: { field: "status" } });
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return { queries: (await listStudyQueries(db, { actor, studyId: study.id, status: status?.data })).map(queryResource) };
  },
});
