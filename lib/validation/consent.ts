import { z } from "zod";
import { CONSENT_ITEMS, missingConsentItems, type TConsentItem } from "@/lib/validation/consent-values";

export { CONSENT_ITEMS, missingConsentItems, type TConsentItem };
import { ZCalendarDate } from "@/lib/validation/calendar-date";


export const ZConsentChecklist = z.partialRecord(z.enum(CONSENT_ITEMS), z.boolean());
export type TConsentChecklist = z.infer<typeof ZConsentChecklist>;

const ZId = z.string().trim().min(1);

export const ZCreateConsentVersion = z.object({
  studyId: ZId,
  title: z.string().trim().min(1, { error: "enter the document title" }).max(300),
  documentRef: z.string().trim().max(300).optional(),
  checklist: ZConsentChecklist.default({}),
});
export type TCreateConsentVersion = z.infer<typeof ZCreateConsentVersion>;

export const ZUpdateConsentChecklist = z.object({ id: ZId, checklist: ZConsentChecklist });
export type TUpdateConsentChecklist = z.infer<typeof ZUpdateConsentChecklist>;

export const ZActivateConsentVersion = z.object({
  id: ZId,
  effectiveDate: ZCalendarDate,
  reason: z.string().trim().min(1, { error: "say why this version is activated (e.g. new risk information)" }).max(1000),
});
export type TActivateConsentVersion = z.infer<typeof ZActivateConsentVersion>;
