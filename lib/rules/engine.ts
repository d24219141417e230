import { explainDerivation, type Derivation, type RationaleEntry } from "@/lib/rules/derive-requirements";
import { CDE_2021, type RuleSet } from "@/lib/rules/rule-set";
import type { TRiskProfile } from "@/lib/validation/profile";

/**
 * The rules engine as a versioned thing: a rule set and the code that interprets it. Every
 * stored derivation names the engine that computed it, so a later engine never silently
 * rewrites what a sponsor saw when deciding (plans keep the derivation they were activated
 * against; a different result today is shown beside it, and adopted only by a deliberate,
 * audited re-assessment).
 *
 * Bump RULES_ENGINE_VERSION whenever derive-requirements.ts or a rule set changes any output.
 * Version 1 is the engine as it was before versions were recorded (the migration labels
 * existing derivations with it).
 */
export const RULES_ENGINE_VERSION = "1";

export interface RulesEngine {
  version: string;
  ruleSet: RuleSet;
}

export const CURRENT_ENGINE: RulesEngine = { version: RULES_ENGINE_VERSION, ruleSet: CDE_2021 };

/** What a risk profile version or an activated plan version stores: the derivation and where it came from. */
export interface DerivationSnapshot {
  derivation: Derivation;
  explanation: RationaleEntry[] | null;
  ruleSet: string;
  engineVersion: string;
}

export function deriveSnapshot(profile: TRiskProfile, engine: RulesEngine = CURRENT_ENGINE): DerivationSnapshot {
  const { derivation, explanation } = explainDerivation(profile, engine.ruleSet);
  return { derivation, explanation, ruleSet: engine.ruleSet.id, engineVersion: engine.version };
}

/** JSON with object keys sorted: a stored (jsonb reorders keys) and a fresh derivation compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Whether two derivations say the same thing (array order matters: the engine's output is deterministic). */
export function sameDerivation(a: Derivation, b: Derivation): boolean {
  return canonical(a) === canonical(b);
}
