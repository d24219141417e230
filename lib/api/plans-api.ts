import { z } from "zod";
import { ZPlan } from "@/lib/validation/plan";
import { ZActivatePlanVersion, ZCreatePlanVersion, ZUpdatePlanDraft } from "@/lib/validation/plan-version";

export const ZPostPlanVersionBody = ZCreatePlanVersion.omit({ studyId: true });
export const ZPutPlanVersionBody = ZUpdatePlanDraft.omit({ id: true });
export const ZActivatePlanVersionBody = ZActivatePlanVersion.omit({ id: true });
export const ZValidatePlanBody = z.object({ plan: ZPlan });

/** The derivation of RULES-CONTRACT.md, as stored with an activated plan version. */
export const ZDerivationResource = z.object({
  ltfuRequired: z.boolean(),
  durationYears: z.number().int(),
  extendUntilNoRisk: z.boolean(),
  riskFactors: z.array(z.string()),
  requirements: z.array(z.object({ kind: z.string(), fromMonth: z.number().int(), toMonth: z.number().int(), maxIntervalMonths: z.number().int(), citation: z.string() })),
  triggers: z.array(z.object({ id: z.string(), action: z.string(), withinMonths: z.number().int().nullable(), citation: z.string() })),
  rationale: z.array(z.string()),
});

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
  /** The derivation the version was validated against at activation (null for a draft), never recomputed. */
  derivation: ZDerivationResource.nullable(),
  ruleSet: z.string().nullable(),
  /** The rules engine that computed `derivation`. */
  engineVersion: z.string().nullable(),
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
  derivation: unknown;
  ruleSet: string | null;
  engineVersion: string | null;
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
    derivation: row.derivation === null ? null : ZDerivationResource.parse(row.derivation),
    ruleSet: row.ruleSet,
    engineVersion: row.engineVersion,
  };
}
