import { defineRoute } from "@/lib/auth/route";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { suggestPlan } from "@/lib/plans/plan-engine";
import { getStudyDerivation } from "@/lib/plans/plan-versions";

export const GET = defineRoute({
  permission: "plan:read",
  handler: async ({ actor, params, db }) => {
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    const { derivation, profileVersion } = await getStudyDerivation(db, { studyId: study.id });
    return { riskProfileVersion: profileVersion, derivation, plan: suggestPlan(derivation) };
  },
});
