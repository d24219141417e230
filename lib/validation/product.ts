import { z } from "zod";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";
import { ZRiskProfile, type TRiskProfile } from "@/lib/validation/profile";
import {
  defaultFactorsFor,
  EVIDENCE_SOURCES,
  FACTOR_STATUSES,
  listProfileInconsistencies,
  MODALITIES,
  RISK_FACTOR_CLAUSE,
  RISK_FACTORS,
  type ProfileInconsistency,
  type TRiskFactorId,
} from "@/lib/validation/product-values";

export { defaultFactorsFor, EVIDENCE_SOURCES, FACTOR_STATUSES, listProfileInconsistencies, MODALITIES, RISK_FACTOR_CLAUSE, RISK_FACTORS, type ProfileInconsistency, type TRiskFactorId };
import { ZProductMonitoring } from "@/lib/validation/safety";

export const ZModality = z.enum(MODALITIES);

export const ZFactorAssessment = z
  .object({
    status: z.enum(FACTOR_STATUSES),
    rationale: trimmedText(2000).default(""),
    evidence: z.array(z.enum(EVIDENCE_SOURCES)).max(10).default([]),
  })
  .superRefine((factor, ctx) => {
    if (factor.status !== "unknown" && factor.rationale === "") {
      ctx.addIssue({ code: "custom", path: ["rationale"], message: `give the rationale for "${factor.status}"` });
    }
    if (factor.status !== "unknown" && factor.evidence.length === 0) {
      ctx.addIssue({ code: "custom", path: ["evidence"], message: "name at least one evidence source (non-clinical, clinical, similar products)" });
    }
  });
export type TFactorAssessment = z.infer<typeof ZFactorAssessment>;

export const ZRiskFactors = z.object(Object.fromEntries(RISK_FACTORS.map((id) => [id, ZFactorAssessment])) as Record<TRiskFactorId, typeof ZFactorAssessment>);
export type TRiskFactors = z.infer<typeof ZRiskFactors>;

function refineConsistency(value: { profile: TRiskProfile; factors: TRiskFactors }, ctx: z.RefinementCtx) {
  for (const issue of listProfileInconsistencies(value.profile, value.factors)) {
    ctx.addIssue({ code: "custom", path: issue.field.split("."), message: issue.message });
  }
}

const ZProductIdentity = z.object({
  name: requiredText(200, "enter the product name"),
  code: requiredText(40, "enter the product code")
    .regex(/^[A-Za-z0-9_.-]+$/, { error: "letters, digits, -, _ and . only" }),
  modality: ZModality.default("other"),
  /** `monitoring.expectedVectorPositivePercentMax` (CDE §2.4.1); changed later with a reason (lib/products/monitoring.ts). */
  monitoring: ZProductMonitoring.default({ expectedVectorPositivePercentMax: null }),
});

/** Create from the UI: identity, contract profile and the ten factors, kept consistent. */
export const ZCreateProduct = ZProductIdentity.extend({ profile: ZRiskProfile, factors: ZRiskFactors }).superRefine(refineConsistency);
export type TCreateProduct = z.infer<typeof ZCreateProduct>;

/** Create from the API: factors optional (prefilled from the profile); given factors must agree with the profile. */
export const ZCreateProductApi = ZProductIdentity.extend({ profile: ZRiskProfile, factors: ZRiskFactors.optional() }).superRefine((value, ctx) => {
  if (value.factors) refineConsistency({ profile: value.profile, factors: value.factors }, ctx);
});
export type TCreateProductApi = z.infer<typeof ZCreateProductApi>;

/** A new risk profile version: every change says why (it may change the follow-up). */
export const ZUpdateRiskProfile = z
  .object({
    productId: ZRecordId,
    profile: ZRiskProfile,
    factors: ZRiskFactors,
    reason: requiredText(2000, "say why the risk profile changes (new data, regulator feedback…)"),
  })
  .superRefine(refineConsistency);
export type TUpdateRiskProfile = z.infer<typeof ZUpdateRiskProfile>;

/** Adopt what today's rules engine derives from the current profile: a new version, with its reason. */
export const ZReassessRiskProfile = z.object({
  productId: ZRecordId,
  reason: requiredText(2000, "say why the derivation is re-assessed"),
});
export type TReassessRiskProfile = z.infer<typeof ZReassessRiskProfile>;

/** CDE §2.2.3: no LTFU needs a justification and the record of the regulator communication. */
export const ZNoLtfuJustification = z.object({
  productId: ZRecordId,
  noLtfuJustification: requiredText(5000, "give the justification for no long-term follow-up"),
  regulatorCommunication: requiredText(5000, "record the communication with the regulator (date, meeting, minutes reference)"),
});
export type TNoLtfuJustification = z.infer<typeof ZNoLtfuJustification>;
