import type { TConsentChecklist } from "@/lib/validation/consent";

/**
 * What a long-term follow-up consent must explain (CDE §2.3.1): purpose, procedures,
 * duration, visit interval, contacts of investigator / ethics committee / sponsor,
 * collection and storage of tissue samples, genetic testing.
 */
export const CONSENT_ITEMS = ["purpose", "procedures", "duration", "visit_interval", "contacts", "sample_storage", "genetic_testing"] as const;
export type TConsentItem = (typeof CONSENT_ITEMS)[number];

/** Items of the checklist not yet confirmed, in the guideline's order. */
export function missingConsentItems(checklist: TConsentChecklist): TConsentItem[] {
  return CONSENT_ITEMS.filter((item) => checklist[item] !== true);
}
