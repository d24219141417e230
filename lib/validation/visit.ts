import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { withoutFormFields } from "@/lib/validation/form-data";
import { ZContactMode } from "@/lib/validation/plan";
import { DISEASE_CATEGORIES, PREGNANCY_ANSWERS, SIGNATURE_MEANINGS } from "@/lib/validation/subject-values";
import { requiredText, storableText, ZLongText } from "@/lib/validation/text";

export { DISEASE_CATEGORIES, PREGNANCY_ANSWERS, SIGNATURE_MEANINGS };

const ZId = requiredText(100, "required");

/** New, recurrent or worsened disease by category (DOMAIN §2.3.2). */
export const ZDiseaseCategory = z.enum(DISEASE_CATEGORIES);

const ZDiseaseEntry = z.union([
  ZDiseaseCategory.transform((category) => ({ category })),
  z.object({ category: ZDiseaseCategory, description: ZLongText.optional(), onsetDate: ZClinicalDate.optional() }),
]);

/**
 * The §2.3.2 clinical follow-up checklist (DOMAIN.md): brief history; exposure to
 * carcinogenic/mutagenic and other drugs; new or worsened disease by category; physical and
 * laboratory exams; pregnancy and fertility of the subject and partner. Every item is answered:
 * the record form pre-fills none of them (an answer nobody gave is not a record), so an unanswered
 * one is refused by name.
 */
export const ZAssessments = z.object({
  history: z.boolean({ error: "answer yes or no" }),
  drugExposure: requiredText(2000, 'describe exposure to carcinogenic, mutagenic or other drugs, or "none"'),
  newOrWorsenedDisease: z.array(ZDiseaseEntry).max(50),
  physicalExam: z.boolean({ error: "answer yes or no" }),
  labs: z.boolean({ error: "answer yes or no" }),
  pregnancy: z.enum(PREGNANCY_ANSWERS, { error: "choose an answer" }),
  notes: ZLongText.optional(),
});
export type TAssessments = z.infer<typeof ZAssessments>;

/** Trimmed; blank is absent (a form posts its empty inputs). */
const ZReason = ZLongText.transform((v) => v.trim() || undefined);

/**
 * One visit record: completed with its assessments, missed with a reason, or unscheduled
 * (`unscheduled: true`, an id is assigned). Shared by the form, the action and the API.
 */
export const ZRecordVisitFields = z.object({
  subjectId: ZId,
  unscheduled: z.boolean().default(false),
  visitId: storableText(40).transform((v) => v.trim()).optional(),
  planVersion: z.coerce.number().int().min(1).optional(),
  status: z.enum(["completed", "missed"]).default("completed"),
  date: ZClinicalDate,
  contactMode: ZContactMode.optional(),
  assessments: ZAssessments.optional(),
  reason: ZReason.optional(),
});

type RecordVisitRules = Pick<z.infer<typeof ZRecordVisitFields>, "unscheduled" | "visitId" | "status" | "reason" | "assessments">;

export function refineRecordVisit(input: RecordVisitRules, ctx: z.RefinementCtx) {
  if (input.unscheduled) {
    if (!input.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "say why this unscheduled visit took place" });
    if (input.status === "missed") ctx.addIssue({ code: "custom", path: ["status"], message: "an unscheduled visit is recorded when it took place" });
    return;
  }
  if (!input.visitId) ctx.addIssue({ code: "custom", path: ["visitId"], message: "name the scheduled visit (e.g. M06)" });
  if (input.status === "missed" && !input.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "say why the visit was missed" });
  if (input.status === "completed" && !input.assessments) ctx.addIssue({ code: "custom", path: ["assessments"], message: "record the §2.3.2 assessments of a completed visit" });
}

/**
 * A form posts every input it renders, and the record-visit form renders the checklist for every
 * outcome (CSS shows it only for a completed visit, so that the form works without JavaScript):
 * a missed visit has no assessments, so those sent with one are dropped before validation,
 * neither refused nor recorded.
 */
const withoutAssessmentsOfMissed = withoutFormFields((posted) => (posted.status === "missed" ? ["assessments"] : []));

export const ZRecordVisit = z.preprocess<unknown, typeof ZRecordVisitFields, z.input<typeof ZRecordVisitFields>>(withoutAssessmentsOfMissed, ZRecordVisitFields).superRefine(refineRecordVisit);
export type TRecordVisit = z.infer<typeof ZRecordVisit>;

/** A correction: the version read, the reason (audit trail, Annex 11 §9) and the changed fields. */
export const ZUpdateVisit = z.object({
  subjectId: ZId,
  recordId: ZId,
  version: z.coerce.number().int().min(1),
  reason: requiredText(2000, "say why the record changes (audit trail)"),
  status: z.enum(["completed", "missed"]).optional(),
  date: ZClinicalDate.optional(),
  contactMode: ZContactMode.optional(),
  assessments: ZAssessments.optional(),
  missedReason: ZReason.optional(),
});
export type TUpdateVisit = z.infer<typeof ZUpdateVisit>;

/** 21 CFR 11.50: the meaning of a signature, shown with it. */

/** 21 CFR 11.200: the signer re-enters the password. Never stored nor audited. */
export const ZSignVisit = z.object({
  subjectId: ZId,
  recordId: ZId,
  password: storableText(1000).min(1, { error: "enter your password to sign" }),
  meaning: z.enum(SIGNATURE_MEANINGS).default("reviewed_and_approved"),
});
export type TSignVisit = z.infer<typeof ZSignVisit>;
