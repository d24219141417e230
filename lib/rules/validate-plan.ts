import type { Derivation, Requirement } from "@/lib/rules/derive-requirements";
import { CDE_2021, type RequirementRule, type RuleSet } from "@/lib/rules/rule-set";
import type { TPlan, TRequirementKind } from "@/lib/validation/plan";

export interface CoverageGapViolation {
  code: "coverage_gap";
  citation: string;
  message: string;
  kind: TRequirementKind;
  fromMonth: number;
  toMonth: number;
  maxIntervalMonths: number;
  gapFromMonth: number;
  gapToMonth: number;
}
export interface DurationViolation {
  code: "duration_shorter_than_derived";
  citation: string;
  message: string;
  durationMonths: number;
  derivedMonths: number;
}
export interface VisitViolation {
  code: "visit_after_period_end" | "in_person_activity_on_remote_contact";
  citation: string;
  message: string;
  visitId: string;
}
export type Violation = CoverageGapViolation | DurationViolation | VisitViolation;

export interface Validation {
  valid: boolean;
  ruleSet: string;
  violations: Violation[];
}

const KIND_LABEL: Record<TRequirementKind, string> = {
  clinical_visit: "clinical visits",
  remote_contact: "contacts",
  persistence_sampling: "persistence samples",
  integration_monitoring: "integration monitoring",
  off_target_monitoring: "off-target monitoring",
  off_target_monitoring_non_target_tissue: "off-target monitoring in non-target tissues",
  shedding_monitoring: "shedding monitoring",
  pregnancy_fertility_monitoring: "pregnancy and fertility follow-up",
  surrogate_sampling: "surrogate samples",
};

/**
 * The longest stretch of a requirement's period with no serving event, or null when covered.
 * Coverage (RULES-CONTRACT): for every month t with from ≤ t ≤ to − max, some event lies in
 * (t, t + max]. Offsets are whole months, so whole t suffice. Only events in (from, to] can
 * serve; the stretch is bounded by the events (or the period bounds) on either side.
 */
export function findLongestGap(requirement: Requirement, sortedOffsets: readonly number[]): { gapFromMonth: number; gapToMonth: number } | null {
  const { fromMonth: from, toMonth: to, maxIntervalMonths: max } = requirement;
  let previous = from;
  let longest: { gapFromMonth: number; gapToMonth: number } | null = null;
  const consider = (gapFromMonth: number, gapToMonth: number) => {
    if (!longest || gapToMonth - gapFromMonth > longest.gapToMonth - longest.gapFromMonth) longest = { gapFromMonth, gapToMonth };
  };
  for (const offset of sortedOffsets) {
    if (offset <= from || offset > to || offset === previous) continue;
    if (offset - previous > max) consider(previous, offset);
    previous = offset;
  }
  if (to - previous >= max) consider(previous, to);
  return longest;
}

function servingOffsets(plan: TPlan, kind: TRequirementKind): number[] {
  const offsets = plan.visits.filter((visit) => kind === "remote_contact" || visit.activities.some((a) => a.kind === kind)).map((visit) => visit.offsetMonths);
  return [...new Set(offsets)].sort((a, b) => a - b);
}

/**
 * Check a sponsor's concrete plan against a derivation (RULES-CONTRACT "Validation"):
 * coverage gaps, a duration shorter than derived, visits after the period, and in-person
 * activities on remote contacts — in that order, then by requirement or visit order.
 */
export function validatePlan(derivation: Derivation, plan: TPlan, ruleSetId: string = CDE_2021.id): Validation {
  const violations: Violation[] = [];
  if (!derivation.ltfuRequired) return { valid: true, ruleSet: ruleSetId, violations };

  const offsetsByKind = new Map<TRequirementKind, number[]>();
  for (const requirement of derivation.requirements) {
    let offsets = offsetsByKind.get(requirement.kind);
    if (!offsets) {
      offsets = servingOffsets(plan, requirement.kind);
      offsetsByKind.set(requirement.kind, offsets);
    }
    const gap = findLongestGap(requirement, offsets);
    if (!gap) continue;
    const length = gap.gapToMonth - gap.gapFromMonth;
    violations.push({
      code: "coverage_gap",
      citation: requirement.citation,
      message: `${KIND_LABEL[requirement.kind]}: ${length} months without one between month ${gap.gapFromMonth} and month ${gap.gapToMonth} in months ${requirement.fromMonth}–${requirement.toMonth}; the maximum interval is ${requirement.maxIntervalMonths} months (${requirement.citation})`,
      kind: requirement.kind,
      fromMonth: requirement.fromMonth,
      toMonth: requirement.toMonth,
      maxIntervalMonths: requirement.maxIntervalMonths,
      gapFromMonth: gap.gapFromMonth,
      gapToMonth: gap.gapToMonth,
    });
  }

  const derivedMonths = derivation.durationYears * 12;
  if (plan.durationMonths < derivedMonths) {
    violations.push({
      code: "duration_shorter_than_derived",
      citation: "CDE §2.2.3",
      message: `the plan follows subjects for ${plan.durationMonths} months; the derived duration is ${derivedMonths} months (${derivation.durationYears} years) and a shorter one needs a justification (CDE §2.2.3)`,
      durationMonths: plan.durationMonths,
      derivedMonths,
    });
  }

  for (const visit of plan.visits) {
    if (visit.offsetMonths > plan.durationMonths) {
      violations.push({
        code: "visit_after_period_end",
        citation: "CDE §2.2.3",
        message: `visit ${visit.id} at month ${visit.offsetMonths} is after the end of the planned period (month ${plan.durationMonths}) (CDE §2.2.3)`,
        visitId: visit.id,
      });
    }
  }
  for (const visit of plan.visits) {
    if ((visit.contactMode === "phone" || visit.contactMode === "questionnaire") && visit.activities.some((a) => a.kind === "clinical_visit")) {
      violations.push({
        code: "in_person_activity_on_remote_contact",
        citation: "CDE §2.3.2",
        message: `visit ${visit.id} is a ${visit.contactMode} contact but lists a clinical visit, which needs the subject in person (clinic or home) (CDE §2.3.2)`,
        visitId: visit.id,
      });
    }
  }
  return { valid: violations.length === 0, ruleSet: ruleSetId, violations };
}

/**
 * The period of the rule a coverage gap answers to ("early", "late", "whole"): the kind's only
 * rule, or, where a kind has rules for several periods, the one starting at month 0 or the later one.
 */
function periodOf(violation: CoverageGapViolation, ruleSet: RuleSet): RequirementRule["period"] {
  const rules = ruleSet.requirements.filter((rule) => rule.kind === violation.kind);
  if (rules.length === 1) return rules[0]!.period;
  if (violation.fromMonth === 0) return rules.find((rule) => rule.period !== "late")?.period ?? "early";
  return "late";
}

/**
 * The key of the sponsor's justification of a violation. It names what survives a change of
 * the rules or the derived duration: the requirement's kind and period (not its months), the
 * visit's id. A justification written under one engine version still answers the same
 * violation under the next.
 */
export function violationKey(violation: Violation, ruleSet: RuleSet = CDE_2021): string {
  if (violation.code === "coverage_gap") return `coverage_gap:${violation.kind}:${periodOf(violation, ruleSet)}`;
  if (violation.code === "duration_shorter_than_derived") return "duration_shorter_than_derived";
  return `${violation.code}:${violation.visitId}`;
}

/** A plan with violations is accepted only with a written justification per violation. */
export function listUnjustifiedViolations(validation: Validation, justifications: Readonly<Record<string, string>>, ruleSet: RuleSet = CDE_2021): Violation[] {
  return validation.violations.filter((violation) => !(justifications[violationKey(violation, ruleSet)] ?? "").trim());
}
