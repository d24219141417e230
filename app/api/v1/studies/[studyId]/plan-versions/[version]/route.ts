import { planVersionResource, ZPutPlanVersionBody } from "@/lib/api/plans-api";
import { defineRoute } from "@/lib/auth/route";
import { getPlanVersion } from "@/lib/db/plan-versions";
import { AppError } from "@/lib/errors";
import { updatePlanDraft } from "@/lib/plans/plan-versions";

async function findVersion(db: Parameters<typeof getPlanVersion>[0], actor: Parameters<typeof getPlanVersion>[1]["actor"], params: Record<string, string>) {
  // defineRoute has checked `version` (params: { version: "int" }): decimal digits within int32.
  const row = await getPlanVersion(db, { actor, studyId: params.studyId ?? "", version: Number(params.version) });
  if (!row) throw new AppError("not_found", "No such plan version.", undefined, { key: "refusal.noSuchPlanVersion" });
  return row;
}

export const GET = defineRoute({
  permission: "plan:read",
  params: { version: "int" },
  handler: async ({ actor, params, db }) => planVersionResource(await findVersion(db, actor, params)),
});

export const PUT = defineRoute({
  permission: "plan:manage",
  body: ZPutPlanVersionBody,
  params: { version: "int" },
  handler: async ({ actor, body, params, db }) => {
    const row = await findVersion(db, actor, params);
    return planVersionResource(await updatePlanDraft(db, { actor, input: { ...body, id: row.id }, studyId: row.studyId }));
  },
});
