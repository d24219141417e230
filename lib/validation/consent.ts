import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";

/**
 * What a long-term follow-up consent must explain (CDE §2.3.1): purpose, procedures,
 * duration, visit interval, contacts of investigator / ethics committee / sponsor,
 * collection and storage of tissue samples, genetic testing.
 */
export const CONSENT_ITEMS = ["purpose", "procedures", "duration", "visit_interval", "contacts", "sample_storage", "genetic_testing"] as const;
export type TConsentItem = (typeof CONSENT_ITEMS)[number];

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

export function missingConsentItems(checklist: TConsentChecklist): TConsentItem[] {
  return CONSENT_ITEMS.filter((item) => checklist[item] !== true);
}
