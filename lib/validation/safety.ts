import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { withoutFormFields } from "@/lib/validation/form-data";
import { AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, SAMPLE_RESULT_KINDS, SERIOUSNESS_CRITERIA } from "@/lib/validation/safety-values";
import { requiredText, storableText, ZLongText } from "@/lib/validation/text";

export { AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, SAMPLE_RESULT_KINDS, SERIOUSNESS_CRITERIA };

/**
 * Adverse events, sample results and escalations (CLINICAL-API-CONTRACT.md, "Safety"; CDE §2.3.2,
 * §2.4.1, §2.4.2). One schema per input, shared by the API, the forms and the services. The
 * checks that need the subject (a date before dosing or after today) are `listSafetyDateIssues`,
 * run by the service once it has read the subject; they name the field like every other issue.
 */

/** The target events of CDE §2.3.2 (new, recurrent or worsened disease), plus `other`. */
export const ZAeCategory = z.enum(AE_CATEGORIES);
export type TAeCategory = z.infer<typeof ZAeCategory>;

export const ZAeRelatedness = z.enum(AE_RELATEDNESS);
export type TAeRelatedness = z.infer<typeof ZAeRelatedness>;
/** Relatedness that makes an AE "suspected product-related" (CDE §2.3.2). */
export const SUSPECTED_RELATEDNESS: ReadonlySet<TAeRelatedness> = new Set(["possible", "probable", "definite"]);

export const ZAeOutcome = z.enum(AE_OUTCOMES);
export type TAeOutcome = z.infer<typeof ZAeOutcome>;

/** Seriousness criteria of ICH E2A. */
export const ZSeriousnessCriterion = z.enum(SERIOUSNESS_CRITERIA);
export type TSeriousnessCriterion = z.infer<typeof ZSeriousnessCriterion>;

export const ZSampleResultKind = z.enum(SAMPLE_RESULT_KINDS);
export type TSampleResultKind = z.infer<typeof ZSampleResultKind>;

/** Kinds that report clones: dominant clone, clonal expansion, site near an oncogene, largest clone % (CDE §2.4.1). */
export const CLONE_RESULT_KINDS: ReadonlySet<TSampleResultKind> = new Set(["clonality", "integration_site_analysis"]);
/** Kinds whose `detected` answers "is the product still there" (the persistence trend, extension: CDE §2.3.2). */
export const PERSISTENCE_RESULT_KINDS: ReadonlySet<TSampleResultKind> = new Set(["persistence", "vector_copy_number"]);
/** Kinds whose negative result ends shortened integration monitoring (CDE §2.4.1: "until the vector is undetectable"). */
export const NEGATIVE_ENDS_INTEGRATION_MONITORING: ReadonlySet<TSampleResultKind> = new Set(["integration_site_analysis", "clonality", "persistence"]);

export const ESCALATION_STATUSES = ["open", "resolved"] as const;
export type TEscalationStatus = (typeof ESCALATION_STATUSES)[number];

const ZRecordId = requiredText(100);

/** A finite JSON number: "abc", "1.5" (a string), NaN and Infinity are refused, naming the field. */
const ZMeasuredValue = z.number({ error: "must be a number" }).refine(Number.isFinite, { error: "must be a finite number" });
const ZPercent = z.number({ error: "must be a number" }).min(0, { error: "must be between 0 and 100" }).max(100, { error: "must be between 0 and 100" });

const adverseEventFields = {
  term: storableText(300).trim().min(1, { error: "enter the adverse event term" }),
  onsetDate: ZClinicalDate,
  serious: z.boolean({ error: "must be true or false" }),
  seriousnessCriteria: z.array(ZSeriousnessCriterion).default([]),
  grade: z.number({ error: "must be a number" }).int({ error: "must be a whole number from 1 to 5" }).min(1, { error: "must be from 1 to 5" }).max(5, { error: "must be from 1 to 5" }),
  category: ZAeCategory,
  relatedness: ZAeRelatedness,
  outcome: ZAeOutcome.default("unknown"),
  /** Possibly linked to replication-competent virus (CDE §2.4.1: RCL/RCR testing for retroviral products). */
  possibleRcl: z.boolean({ error: "must be true or false" }).default(false),
  /** The visit at which the AE was reported, if any. */
  visitRecordId: ZRecordId.nullish(),
  description: ZLongText.optional(),
};

type AeShape = { serious?: boolean; seriousnessCriteria?: readonly string[]; grade?: number; outcome?: string };

export function refineAdverseEvent(ae: AeShape, ctx: z.RefinementCtx) {
  if (ae.serious === true && (ae.seriousnessCriteria?.length ?? 0) === 0) {
    ctx.addIssue({ code: "custom", path: ["seriousnessCriteria"], message: "a serious adverse event needs at least one seriousness criterion" });
  }
  if (ae.serious === false && (ae.seriousnessCriteria?.length ?? 0) > 0) {
    ctx.addIssue({ code: "custom", path: ["seriousnessCriteria"], message: "only a serious adverse event has seriousness criteria" });
  }
  if (ae.seriousnessCriteria && new Set(ae.seriousnessCriteria).size !== ae.seriousnessCriteria.length) {
    ctx.addIssue({ code: "custom", path: ["seriousnessCriteria"], message: "lists a criterion twice" });
  }
}

/** The fields of an adverse event, unrefined (forms add the subject id, then refine with `refineAdverseEvent`). */
export const ZAdverseEventFields = z.object(adverseEventFields);
/** `POST /api/v1/subjects/{id}/adverse-events`. */
export const ZAdverseEventInput = ZAdverseEventFields.superRefine(refineAdverseEvent);
export type TAdverseEventInput = z.infer<typeof ZAdverseEventInput>;

/**
 * `PATCH …/adverse-events/{aeId}`: the `version` read and the `reason` (Annex 11 §9), plus the
 * fields that change. The merged record is checked again with `ZAdverseEventInput`.
 */
export const ZAdverseEventUpdate = z.object({
  version: z.number({ error: "must be a number" }).int().min(1),
  reason: storableText(2000).trim().min(1, { error: "say why the adverse event changes" }),
  term: adverseEventFields.term.optional(),
  onsetDate: ZClinicalDate.optional(),
  serious: z.boolean({ error: "must be true or false" }).optional(),
  seriousnessCriteria: z.array(ZSeriousnessCriterion).optional(),
  grade: adverseEventFields.grade.optional(),
  category: ZAeCategory.optional(),
  relatedness: ZAeRelatedness.optional(),
  outcome: ZAeOutcome.optional(),
  possibleRcl: z.boolean({ error: "must be true or false" }).optional(),
  visitRecordId: ZRecordId.nullish(),
  description: ZLongText.optional(),
});
export type TAdverseEventUpdate = z.infer<typeof ZAdverseEventUpdate>;

const CLONE_FIELDS = ["dominantClone", "clonalExpansion", "nearOncogene", "largestClonePercent"] as const;

/** The fields of a sample result, unrefined (forms add the subject id, then refine with `refineSampleResult`). */
export const ZSampleResultFields = z.object({
  kind: ZSampleResultKind,
  collectedDate: ZClinicalDate,
  sampleType: storableText(100).trim().min(1, { error: "name the sample type (e.g. peripheral_blood)" }),
  /** The sample stands in for an inaccessible target tissue (CDE §2.4.2). */
  surrogate: z.boolean({ error: "must be true or false" }).default(false),
  // Blank is absent (a form posts its empty inputs).
  assay: storableText(200).trim().transform((v) => v || undefined).optional(),
  detected: z.boolean({ error: "must be true or false" }),
  value: ZMeasuredValue.nullish(),
  unit: storableText(40).trim().transform((v) => v || undefined).optional(),
  dominantClone: z.boolean({ error: "must be true or false" }).optional(),
  clonalExpansion: z.boolean({ error: "must be true or false" }).optional(),
  nearOncogene: z.boolean({ error: "must be true or false" }).optional(),
  largestClonePercent: ZPercent.nullish(),
  /** The visit at which the sample was drawn, if any. */
  visitRecordId: ZRecordId.nullish(),
  note: ZLongText.optional(),
});

export function refineSampleResult(result: z.infer<typeof ZSampleResultFields>, ctx: z.RefinementCtx) {
  if (!CLONE_RESULT_KINDS.has(result.kind)) {
    for (const field of CLONE_FIELDS) {
      const value = result[field];
      if (value === true || (typeof value === "number" && field === "largestClonePercent")) {
        ctx.addIssue({ code: "custom", path: [field], message: "only clonality and integration-site analysis results report clones" });
      }
    }
  }
  if (!result.detected) {
    for (const field of ["dominantClone", "clonalExpansion", "nearOncogene"] as const) {
      if (result[field] === true) ctx.addIssue({ code: "custom", path: [field], message: "a clone finding needs detected true" });
    }
  }
  if (result.kind === "vector_positive_percent") {
    if (result.value === undefined || result.value === null) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a % vector-positive result needs its value" });
    } else if (result.value < 0 || result.value > 100) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a % vector-positive value must be between 0 and 100" });
    }
  }
  if (result.kind === "vector_copy_number" && typeof result.value === "number" && result.value < 0) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "a vector copy number cannot be negative" });
  }
}

/**
 * The sample-result form posts its clone fields whatever the kind (CSS shows them for clone kinds
 * only, so that it works without JavaScript; each box after a hidden `false`). For another kind,
 * its unticked boxes and empty percentage are dropped before validation, so the record keeps no
 * clone answer; a ticked box or a percentage stays, and `refineSampleResult` refuses it by name.
 */
export const withoutBlankCloneFieldsOfOtherKinds = withoutFormFields((posted) =>
  CLONE_RESULT_KINDS.has(posted.kind as TSampleResultKind) ? [] : CLONE_FIELDS.filter((field) => posted[field] === false || posted[field] === null || posted[field] === ""),
);

/** `POST /api/v1/subjects/{id}/sample-results`. */
export const ZSampleResultInput = ZSampleResultFields.superRefine(refineSampleResult);
export type TSampleResultInput = z.infer<typeof ZSampleResultInput>;

/** `POST /api/v1/escalations/{id}/resolve`: what was done, in the investigator's words. */
export const ZResolveEscalation = z.object({
  note: storableText(2000).trim().min(1, { error: "say what was done (retest result, analysis, decision)" }),
});
export type TResolveEscalation = z.infer<typeof ZResolveEscalation>;

/** The product's expected maximum of vector-positive cells, in % (CDE §2.4.1 "预期范围"); null: not set. */
export const ZExpectedVectorPositivePercentMax = ZPercent.nullable();
export const ZProductMonitoring = z.object({ expectedVectorPositivePercentMax: ZExpectedVectorPositivePercentMax.default(null) });
export type TProductMonitoring = z.infer<typeof ZProductMonitoring>;

/** A changed expected range: always with a reason (it changes when the first trigger fires). */
export const ZUpdateProductMonitoring = z.object({
  expectedVectorPositivePercentMax: ZExpectedVectorPositivePercentMax,
  reason: storableText(2000).trim().min(1, { error: "say why the expected range changes" }),
});
export type TUpdateProductMonitoring = z.infer<typeof ZUpdateProductMonitoring>;

export interface SafetyDateIssue {
  field: string;
  message: string;
}

/**
 * A clinical date of a subject's record must lie between the dosing date and today: an AE's
 * onset or a sample's collection before dosing is not follow-up, and a future one is a typo.
 * Dates are `YYYY-MM-DD`, so text order is date order.
 */
export function listSafetyDateIssues(field: string, value: string | undefined, bounds: { dosingDate: string; today: string }): SafetyDateIssue[] {
  if (value === undefined) return [];
  if (value < bounds.dosingDate) return [{ field, message: `must not be before the dosing date ${bounds.dosingDate}` }];
  if (value > bounds.today) return [{ field, message: `must not be after today (${bounds.today})` }];
  return [];
}
