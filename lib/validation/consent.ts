import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";
import { CONSENT_ITEMS, missingConsentItems, type TConsentItem } from "@/lib/validation/consent-values";

export { CONSENT_ITEMS, missingConsentItems, type TConsentItem };


export const ZConsentChecklist = z.partialRecord(z.enum(CONSENT_ITEMS), z.boolean());
export type TConsentChecklist = z.infer<typeof ZConsentChecklist>;

const ZId = ZRecordId;

export const ZCreateConsentVersion = z.object({
  studyId: ZId,
  title: requiredText(300, "enter the document title"),
  documentRef: trimmedText(300).optional(),
  checklist: ZConsentChecklist.default({}),
});
export type TCreateConsentVersion = z.infer<typeof ZCreateConsentVersion>;

export const ZUpdateConsentChecklist = z.object({ id: ZId, checklist: ZConsentChecklist });
export type TUpdateConsentChecklist = z.infer<typeof ZUpdateConsentChecklist>;

export const ZActivateConsentVersion = z.object({
  id: ZId,
  effectiveDate: ZClinicalDate,
  reason: requiredText(1000, "say why this version is activated (e.g. new risk information)"),
});
export type TActivateConsentVersion = z.infer<typeof ZActivateConsentVersion>;
