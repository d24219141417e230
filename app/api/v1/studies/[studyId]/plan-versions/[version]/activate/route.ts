import { planVersionResource, ZActivatePlanVersionBody } from "@/lib/api/plans-api";
import { defineRoute } from "@/lib/auth/route";
import { getPlanVersion } from "@/lib/db/plan-versions";
import { AppError } from "@/lib/errors";
import { activatePlanVersion } from "@/lib/plans/plan-versions";

export const POST = defineRoute({
  permission: "plan:manage",
  body: ZActivatePlanVersionBody,
  params: { version: "int" },
  handler: async ({ actor, body, params, db }) => {
    const row = await getPlanVersion(db, { actor, studyId: params.studyId ?? "", version: Number(params.version) });
    if (!row) throw new AppError("not_found", "No such plan version.", undefined, { key: "refusal.noSuchPlanVersion" });
    const { active, supersededVersion } = await activatePlanVersion(db, { actor, input: { ...body, id: row.id }, studyId: row.studyId });
    return { ...planVersionResource(active), supersededVersion };
  },
});
