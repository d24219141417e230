import { planVersionResource, ZPostPlanVersionBody } from "@/lib/api/plans-api";
import { defineRoute } from "@/lib/auth/route";
import { listPlanVersions } from "@/lib/db/plan-versions";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { createPlanVersion } from "@/lib/plans/plan-versions";

export const GET = defineRoute({
  permission: "plan:read",
  handler: async ({ actor, params, db }) => {
    const studyId = params.studyId ?? "";
    if (!(await getStudy(db, { actor, studyId }))) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return { planVersions: (await listPlanVersions(db, { actor, studyId })).map(planVersionResource) };
  },
});

export const POST = defineRoute({
  permission: "plan:manage",
  body: ZPostPlanVersionBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => planVersionResource(await createPlanVersion(db, { actor, input: { ...body, studyId: params.studyId ?? "" } })),
});
