import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { withoutFormFields } from "@/lib/validation/form-data";
import { SUBJECT_STATUSES } from "@/lib/validation/schedule";
import { requiredText, ZLongText, ZShortText } from "@/lib/validation/text";

import { SEXES } from "@/lib/validation/subject-values";

export { SEXES };
export const ZSex = z.enum(SEXES);

const ZId = requiredText(100, "required");

/** CDE §2.2.2: what else can explain a late event (life expectancy, comorbidities, prior therapies). */
export const ZConfounders = z.object({
  lifeExpectancy: ZShortText.optional(),
  comorbidities: ZLongText.optional(),
  priorTherapies: ZLongText.optional(),
  concomitantTherapies: ZLongText.optional(),
});
export type TConfounders = z.infer<typeof ZConfounders>;

export const ZSubjectCode = requiredText(40, "enter the subject code").regex(/^[\p{L}\p{N}._-]+$/u, { error: "letters, digits, '.', '_' or '-' only" });

/** Enrolment (CDE §2.2.2, §2.3.1, §3): shared by the form, the action and POST /studies/{id}/subjects. */
export const ZEnrolSubject = z.object({
  studyId: ZId,
  code: ZSubjectCode,
  siteId: ZId,
  yearOfBirth: z.coerce.number().int({ error: "must be a whole year" }).min(1900, { error: "must be 1900 or later" }).max(2200, { error: "must be 2200 or earlier" }),
  sex: ZSex,
  dosingDate: ZClinicalDate,
  lot: requiredText(100, "enter the product lot (CDE §3 traceability)"),
  consentVersion: z.coerce.number().int().min(1),
  consentDate: ZClinicalDate,
  confounders: ZConfounders.default({}),
});
export type TEnrolSubject = z.infer<typeof ZEnrolSubject>;

export const ZRecordConsent = z.object({
  subjectId: ZId,
  consentVersion: z.coerce.number().int().min(1),
  consentDate: ZClinicalDate,
});
export type TRecordConsent = z.infer<typeof ZRecordConsent>;

export const ZContactAttempt = z.object({
  date: ZClinicalDate,
  mode: requiredText(40, "say how (phone, letter…)"),
  outcome: requiredText(2000, "say what happened"),
});

export const CLOSING_STATUSES = SUBJECT_STATUSES.filter((s) => s !== "active") as Exclude<(typeof SUBJECT_STATUSES)[number], "active">[];

/**
 * A subject leaves follow-up: withdrawn (reason), lost to follow-up (three documented contact
 * attempts on different dates), died (date and cause), completed. Visits after `date` become
 * not required.
 */
export const ZChangeSubjectStatusFields = z.object({
  subjectId: ZId,
  status: z.enum(["completed", "withdrawn", "lost_to_follow_up", "died"]),
  date: ZClinicalDate,
  // Blank is absent: a form posts its empty inputs.
  reason: ZLongText.transform((v) => v.trim() || undefined).optional(),
  cause: ZLongText.transform((v) => v.trim() || undefined).optional(),
  contactAttempts: z.array(ZContactAttempt).max(50).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

type StatusRules = Omit<z.infer<typeof ZChangeSubjectStatusFields>, "subjectId">;

export function refineSubjectStatus(input: StatusRules, ctx: z.RefinementCtx) {
  if (input.status === "withdrawn" && !input.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "say why the subject withdrew" });
  if (input.status === "died" && !input.cause) ctx.addIssue({ code: "custom", path: ["cause"], message: "enter the cause of death" });
  if (input.status === "lost_to_follow_up") {
    const dates = new Set((input.contactAttempts ?? []).map((attempt) => attempt.date));
    if (dates.size < 3) ctx.addIssue({ code: "custom", path: ["contactAttempts"], message: "document at least three contact attempts on different dates before declaring the subject lost to follow-up" });
    (input.contactAttempts ?? []).forEach((attempt, i) => {
      if (attempt.date > input.date) ctx.addIssue({ code: "custom", path: ["contactAttempts", i, "date"], message: "must not be after the status date" });
    });
  }
}

/**
 * The status form renders every field (CSS shows the ones the chosen status needs, so that it
 * works without JavaScript): the cause of another status than died, and the contact attempts of
 * another status than lost to follow-up, are dropped before validation, neither refused nor kept.
 */
const withoutFieldsOfOtherStatuses = withoutFormFields((posted) => [
  ...(posted.status !== "died" ? ["cause"] : []),
  ...(posted.status !== "lost_to_follow_up" ? ["contactAttempts"] : []),
]);

export const ZChangeSubjectStatus = z
  .preprocess<unknown, typeof ZChangeSubjectStatusFields, z.input<typeof ZChangeSubjectStatusFields>>(withoutFieldsOfOtherStatuses, ZChangeSubjectStatusFields)
  .superRefine(refineSubjectStatus);
export type TChangeSubjectStatus = z.infer<typeof ZChangeSubjectStatus>;
