import { readAsOf } from "@/lib/api/as-of";
import { dashboardResource } from "@/lib/api/monitoring-api";
import { defineRoute } from "@/lib/auth/route";
import { getDashboard } from "@/lib/db/dashboard";
import { isStudyVisible } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";

/** Read from the database on every request: safety data is never cached. */
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  params: { studyId: "id" },
  permission: "dashboard:read",
  handler: async ({ actor, params, request, db }) => {
    const asOf = readAsOf(request);
    const studyId = params.studyId ?? "";
    // The visibility check and the dashboard's queries in parallel (separate pool connections):
    // the dashboard is scoped to the actor's studies and sites by itself, and its result is
    // returned only when the study is one the actor may see.
    const [visible, dashboard] = await Promise.all([isStudyVisible(db, { actor, studyId }), getDashboard(db, { actor, asOf, studyId })]);
    if (!visible) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return dashboardResource(dashboard);
  },
});
