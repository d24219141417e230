import type { MessageKey } from "@/lib/i18n/messages/en";
import type { Translate } from "@/lib/i18n/translate";

/**
 * What the guideline asks next for an escalation, in the reader's language, with the clause the
 * escalation carries (the derivation's trigger citation). An action without a catalog entry
 * shows its id rather than nothing.
 */
export function formatEscalationAction(escalation: { action: string; citation: string }, t: Translate): string {
  const key = `safety.guideline.${escalation.action}` as MessageKey;
  const text = t(key, { clause: escalation.citation });
  return text === key ? `${escalation.action} (${escalation.citation})` : text;
}

/** The trigger's name in the reader's language (rules catalog). */
export function formatEscalationTrigger(trigger: string, t: Translate): string {
  return t(`trigger.${trigger}` as MessageKey);
}
