import { readAsOf } from "@/lib/api/as-of";
import { dashboardResource } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { getDashboard } from "@/lib/db/dashboard";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";

/** Read from the database on every request: safety data is never cached. */
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "dashboard:read",
  handler: async ({ actor, params, request, db }) => {
    const asOf = readAsOf(request);
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return dashboardResource(await getDashboard(db, { actor, asOf, studyId: study.id }));
  },
});
