import { ZValidatePlanBody } from "@/lib/api/plans-api";
import { defineRoute } from "@/lib/auth/route";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { validatePlan } from "@/lib/plans/plan-engine";
import { getStudyDerivation } from "@/lib/plans/plan-versions";

export const POST = defineRoute({
  permission: "plan:read",
  body: ZValidatePlanBody,
  handler: async ({ actor, body, params, db }) => {
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    const { derivation } = await getStudyDerivation(db, { studyId: study.id });
    return validatePlan(derivation, body.plan);
  },
});
