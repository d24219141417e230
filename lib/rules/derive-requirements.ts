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

function applies(when: string[], present: ReadonlySet<string>): boolean {
  return when.length === 0 || when.some((id) => present.has(id));
}

/**
 * Derive the follow-up a profile requires (CDE §2.2.3 duration, §2.3.2 cadence, §2.4
 * integrating vectors and gene editing). Pure and deterministic: same profile, same output,
 * byte for byte (fixed key and array order).
 */
export function deriveRequirements(profile: TRiskProfile, ruleSet: RuleSet = CDE_2021): Derivation {
  const present = new Set<string>();
  const rationale: string[] = [];
  const explain = (text: string) => text.replaceAll("{platform}", profile.platform);
  for (const characteristic of ruleSet.characteristics) {
    if (characteristic.applies(profile)) present.add(characteristic.id);
  }

  const factors = new Set<RiskFactorId>();
  for (const id of present) for (const factor of ruleSet.riskFactors[id] ?? []) factors.add(factor);
  const riskFactors = [...factors].sort();

  const durations = ruleSet.durations.filter((rule) => present.has(rule.characteristic));
  const durationYears = durations.reduce((longest, rule) => Math.max(longest, rule.years), 0);
  const ltfuRequired = durationYears > 0;
  if (!ltfuRequired) {
    rationale.push(explain(ruleSet.noLtfuRationale));
    return { ltfuRequired: false, durationYears: 0, extendUntilNoRisk: false, riskFactors, requirements: [], triggers: [], rationale };
  }

  for (const rule of durations) {
    const characteristic = ruleSet.characteristics.find((c) => c.id === rule.characteristic)!;
    rationale.push(`${explain(characteristic.explain)} → ${rule.citation}`);
  }
  if (new Set(durations.map((d) => d.years)).size > 1) {
    rationale.push(`several characteristics apply: the longest duration, ${durationYears} years, wins (CDE §2.2.3)`);
  }
  const durationCharacteristics = new Set(durations.map((d) => d.characteristic));
  for (const characteristic of ruleSet.characteristics) {
    if (present.has(characteristic.id) && !durationCharacteristics.has(characteristic.id)) rationale.push(explain(characteristic.explain));
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
    rationale.push(`after the first ${ruleSet.earlyPhaseEndMonths / 12} years, at least one contact a year by phone or written questionnaire, with samples where possible (CDE §2.3.2)`);
  }

  const triggers: Trigger[] = ruleSet.triggers
    .filter((rule) => applies(rule.when, present))
    .map((rule) => ({ id: rule.id, action: rule.action, withinMonths: rule.withinMonths, citation: rule.citation }));

  const extendUntilNoRisk = durations.some((d) => d.extendUntilNoRisk);
  return { ltfuRequired, durationYears, extendUntilNoRisk, riskFactors, requirements, triggers, rationale };
}
