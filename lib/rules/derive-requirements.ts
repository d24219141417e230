import { CDE_2021, type RiskFactorId, type RuleSet, type TriggerId } from "@/lib/rules/rule-set";
import type { TRequirementKind } from "@/lib/validation/plan";
import type { TRiskProfile } from "@/lib/validation/profile";

export interface Requirement {
  kind: TRequirementKind;
  fromMonth: number;
  toMonth: number;
  maxIntervalMonths: number;
  citation: string;
}

export interface Trigger {
  id: TriggerId;
  action: string;
  withinMonths: number | null;
  citation: string;
}

/** The derivation of RULES-CONTRACT.md: what the guideline requires for one profile. */
export interface Derivation {
  ltfuRequired: boolean;
  durationYears: number;
  extendUntilNoRisk: boolean;
  riskFactors: RiskFactorId[];
  requirements: Requirement[];
  triggers: Trigger[];
  rationale: string[];
}

/**
 * One rationale line as data, so a page can render it in the reader's language; the
 * contract's `rationale` strings are the English rendering of exactly these entries.
 */
export type RationaleEntry =
  | { key: "no_ltfu"; platform: string; citation: string }
  | { key: "duration"; characteristic: string; platform: string }
  | { key: "longest_wins"; years: number; citation: string }
  | { key: "characteristic"; characteristic: string; platform: string }
  | { key: "late_contact"; years: number; citation: string };

function applies(when: string[], present: ReadonlySet<string>): boolean {
  return when.length === 0 || when.some((id) => present.has(id));
}

/**
 * Derive the follow-up a profile requires (CDE §2.2.3 duration, §2.3.2 cadence, §2.4
 * integrating vectors and gene editing). Pure and deterministic: same profile, same output,
 * byte for byte (fixed key and array order).
 */
export function deriveRequirements(profile: TRiskProfile, ruleSet: RuleSet = CDE_2021): Derivation {
  return derive(profile, ruleSet, null);
}

/**
 * The derivation and its rationale as data (same lines, same order as `rationale`), for
 * rendering in any language; one pass.
 */
export function explainDerivation(profile: TRiskProfile, ruleSet: RuleSet = CDE_2021): { derivation: Derivation; explanation: RationaleEntry[] } {
  const explanation: RationaleEntry[] = [];
  return { derivation: derive(profile, ruleSet, explanation), explanation };
}

/** The derivation; when `explanation` is given, the rationale is also pushed onto it as data. */
function derive(profile: TRiskProfile, ruleSet: RuleSet, explanation: RationaleEntry[] | null): Derivation {
  const present = new Set<string>();
  const platform = profile.platform;
  for (const characteristic of ruleSet.characteristics) {
    if (characteristic.applies(profile)) present.add(characteristic.id);
  }

  const factors = new Set<RiskFactorId>();
  for (const id of present) for (const factor of ruleSet.riskFactors[id] ?? []) factors.add(factor);
  const riskFactors = [...factors].sort();

  const durations = ruleSet.durations.filter((rule) => present.has(rule.characteristic));
  const durationYears = durations.reduce((longest, rule) => Math.max(longest, rule.years), 0);
  const ltfuRequired = durationYears > 0;
  // The contract's English lines, built alongside the entries (lib/i18n/rationale.test.ts holds the English catalog's rendering equal to them).
  const rationale: string[] = [];
  const explain = (text: string) => text.replaceAll("{platform}", platform);
  if (!ltfuRequired) {
    explanation?.push({ key: "no_ltfu", platform, citation: "CDE §2.2.3" });
    rationale.push(explain(ruleSet.noLtfuRationale));
    return { ltfuRequired: false, durationYears: 0, extendUntilNoRisk: false, riskFactors, requirements: [], triggers: [], rationale };
  }

  const durationCharacteristics = new Set(durations.map((d) => d.characteristic));
  for (const rule of durations) {
    const characteristic = ruleSet.characteristics.find((c) => c.id === rule.characteristic)!;
    explanation?.push({ key: "duration", characteristic: characteristic.id, platform });
    rationale.push(`${explain(characteristic.explain)} → ${rule.citation}`);
  }
  if (new Set(durations.map((d) => d.years)).size > 1) {
    explanation?.push({ key: "longest_wins", years: durationYears, citation: "CDE §2.2.3" });
    rationale.push(`several characteristics apply: the longest duration, ${durationYears} years, wins (CDE §2.2.3)`);
  }
  for (const characteristic of ruleSet.characteristics) {
    if (!present.has(characteristic.id) || durationCharacteristics.has(characteristic.id)) continue;
    explanation?.push({ key: "characteristic", characteristic: characteristic.id, platform });
    rationale.push(explain(characteristic.explain));
  }

  const end = durationYears * 12;
  const earlyEnd = Math.min(ruleSet.earlyPhaseEndMonths, end);
  const requirements: Requirement[] = [];
  for (const rule of ruleSet.requirements) {
    if (!applies(rule.when, present)) continue;
    const [fromMonth, toMonth] = rule.period === "early" ? [0, earlyEnd] : rule.period === "late" ? [earlyEnd, end] : [0, end];
    if (toMonth <= fromMonth) continue;
    requirements.push({ kind: rule.kind, fromMonth, toMonth, maxIntervalMonths: rule.maxIntervalMonths, citation: rule.citation });
  }
  if (end > ruleSet.earlyPhaseEndMonths) {
    explanation?.push({ key: "late_contact", years: ruleSet.earlyPhaseEndMonths / 12, citation: "CDE §2.3.2" });
    rationale.push(`after the first ${ruleSet.earlyPhaseEndMonths / 12} years, at least one contact a year by phone or written questionnaire, with samples where possible (CDE §2.3.2)`);
  }

  const triggers: Trigger[] = ruleSet.triggers
    .filter((rule) => applies(rule.when, present))
    .map((rule) => ({ id: rule.id, action: rule.action, withinMonths: rule.withinMonths, citation: rule.citation }));

  const extendUntilNoRisk = durations.some((d) => d.extendUntilNoRisk);
  return { ltfuRequired, durationYears, extendUntilNoRisk, riskFactors, requirements, triggers, rationale };
}
