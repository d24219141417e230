import { z } from "zod";
import { ZPlan } from "@/lib/validation/plan";
import { ZActivatePlanVersion, ZCreatePlanVersion, ZUpdatePlanDraft } from "@/lib/validation/plan-version";

export const ZPostPlanVersionBody = ZCreatePlanVersion.omit({ studyId: true });
export const ZPutPlanVersionBody = ZUpdatePlanDraft.omit({ id: true });
export const ZActivatePlanVersionBody = ZActivatePlanVersion.omit({ id: true });
export const ZValidatePlanBody = z.object({ plan: ZPlan });

export const ZPlanVersionResource = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.enum(["DRAFT", "ACTIVE", "SUPERSEDED"]),
  plan: ZPlan,
  justifications: z.record(z.string(), z.string()),
  durationOverrideJustification: z.string().nullable(),
  effectiveDate: z.string().nullable(),
  amendmentReason: z.string().nullable(),
  riskProfileVersion: z.number().int().nullable(),
});

export function planVersionResource(row: {
  id: string;
  version: number;
  status: "DRAFT" | "ACTIVE" | "SUPERSEDED";
  plan: unknown;
  justifications: unknown;
  durationOverrideJustification: string | null;
  effectiveDate: Date | null;
  amendmentReason: string | null;
  riskProfileVersion: number | null;
}): z.infer<typeof ZPlanVersionResource> {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    plan: ZPlan.parse(row.plan),
    justifications: (row.justifications ?? {}) as Record<string, string>,
    durationOverrideJustification: row.durationOverrideJustification,
    effectiveDate: row.effectiveDate ? row.effectiveDate.toISOString().slice(0, 10) : null,
    amendmentReason: row.amendmentReason,
    riskProfileVersion: row.riskProfileVersion,
  };
}
