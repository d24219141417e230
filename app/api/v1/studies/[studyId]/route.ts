import { defineRoute } from "@/lib/auth/route";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";

export const GET = defineRoute({
  permission: "study:read",
  handler: async ({ actor, params, db }) => {
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return {
      id: study.id,
      protocolNumber: study.protocolNumber,
      title: study.title,
      phase: study.phase,
      ruleSet: study.ruleSet,
      product: { id: study.product.id, name: study.product.name, code: study.product.code },
      siteIds: study.sites.map((s) => s.siteId),
      memberIds: study.members.map((m) => m.userId),
      activePlanVersion: study.planVersions.find((p) => p.status === "ACTIVE")?.version ?? null,
      activeConsentVersion: study.consentVersions.find((c) => c.status === "ACTIVE")?.version ?? null,
    };
  },
});
