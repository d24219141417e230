import type { MessageKey } from "@/lib/i18n/messages/en";
import { SAMPLE_TYPES } from "@/lib/validation/plan-values";

/** A sample type's label in the reader's language; a type outside the list (from the API) shows as written. */
export function sampleTypeLabel(t: (key: MessageKey) => string, type: string): string {
  return (SAMPLE_TYPES as readonly string[]).includes(type) ? t(`sampleType.${type}` as MessageKey) : type;
}
