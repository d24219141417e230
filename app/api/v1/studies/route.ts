import { defineRoute } from "@/lib/auth/route";
import { listStudies } from "@/lib/db/studies";
import { createStudy } from "@/lib/studies/studies";
import { ZCreateStudy } from "@/lib/validation/study";

export const GET = defineRoute({
  permission: "study:read",
  handler: async ({ actor, db }) => {
    const studies = await listStudies(db, { actor });
    return {
      studies: studies.map((s) => ({
        id: s.id,
        protocolNumber: s.protocolNumber,
        title: s.title,
        phase: s.phase,
        ruleSet: s.ruleSet,
        product: s.product,
        activePlanVersion: s.planVersions[0]?.version ?? null,
        activeConsentVersion: s.consentVersions[0]?.version ?? null,
      })),
    };
  },
});

export const POST = defineRoute({
  permission: "study:manage",
  body: ZCreateStudy,
  status: 201,
  handler: async ({ actor, body, db }) => {
    const study = await createStudy(db, { actor, input: body });
    return { id: study.id };
  },
});
