import type { Derivation, Requirement } from "@/lib/rules/derive-requirements";
import { CDE_2021 } from "@/lib/rules/rule-set";
import type { TContactMode, TRequirementKind } from "@/lib/validation/plan";

/** Sample types the suggestion proposes per activity kind (the sponsor may change them). */
const DEFAULT_SAMPLE: Partial<Record<TRequirementKind, { sampleType: string; surrogate?: boolean }>> = {
  persistence_sampling: { sampleType: "peripheral_blood" },
  integration_monitoring: { sampleType: "peripheral_blood" },
  off_target_monitoring: { sampleType: "peripheral_blood" },
  off_target_monitoring_non_target_tissue: { sampleType: "non_target_tissue" },
  shedding_monitoring: { sampleType: "saliva" },
  surrogate_sampling: { sampleType: "peripheral_blood", surrogate: true },
};

export interface SuggestedActivity {
  kind: TRequirementKind;
  sampleType?: string;
  surrogate?: boolean;
  /** The clause of the requirement this activity serves (plans ignore unknown fields). */
  citation: string;
}

export interface SuggestedVisit {
  id: string;
  offsetMonths: number;
  windowDaysBefore: number;
  windowDaysAfter: number;
  contactMode: TContactMode;
  activities: SuggestedActivity[];
}

export interface SuggestedPlan {
  ruleSet: string;
  durationMonths: number;
  visits: SuggestedVisit[];
}

// Guideline-silent defaults (RULES-CONTRACT "Suggestion"): ±14 days where the tightest
// interval a visit serves is ≤ 6 months, ±30 days otherwise.
const NARROW_WINDOW_DAYS = 14;
const WIDE_WINDOW_DAYS = 30;

export function visitIdFor(offsetMonths: number): string {
  return `M${String(offsetMonths).padStart(2, "0")}`;
}

/** The months at which a requirement is met with the fewest events: every max interval from its start. */
function gridOf(requirement: Requirement): number[] {
  const months: number[] = [];
  for (let m = requirement.fromMonth + requirement.maxIntervalMonths; m <= requirement.toMonth; m += requirement.maxIntervalMonths) months.push(m);
  return months;
}

/**
 * A plan that meets every requirement with few visits: each requirement's events fall on its
 * own grid (every max interval from the start of its period) and requirements share the
 * visits where grids meet — the 6-monthly integration visit is, every second time, also the
 * yearly clinical visit. Visits with a clinical visit or a sample are in clinic; visits
 * that only serve the yearly contact are by phone.
 */
export function suggestPlan(derivation: Derivation, ruleSetId: string = CDE_2021.id): SuggestedPlan {
  const durationMonths = derivation.durationYears * 12;
  if (!derivation.ltfuRequired) return { ruleSet: ruleSetId, durationMonths, visits: [] };

  const byOffset = new Map<number, { activities: Map<TRequirementKind, SuggestedActivity>; tightest: number }>();
  for (const requirement of derivation.requirements) {
    for (const month of gridOf(requirement)) {
      let visit = byOffset.get(month);
      if (!visit) {
        visit = { activities: new Map(), tightest: Infinity };
        byOffset.set(month, visit);
      }
      visit.tightest = Math.min(visit.tightest, requirement.maxIntervalMonths);
      if (!visit.activities.has(requirement.kind)) {
        visit.activities.set(requirement.kind, { kind: requirement.kind, ...DEFAULT_SAMPLE[requirement.kind], citation: requirement.citation });
      }
    }
  }

  const visits: SuggestedVisit[] = [...byOffset.entries()]
    .sort(([a], [b]) => a - b)
    .map(([offsetMonths, visit]) => {
      const activities = [...visit.activities.values()].sort((a, b) => a.kind.localeCompare(b.kind));
      const inPerson = activities.some((a) => a.kind === "clinical_visit" || a.sampleType !== undefined);
      const window = visit.tightest <= 6 ? NARROW_WINDOW_DAYS : WIDE_WINDOW_DAYS;
      return { id: visitIdFor(offsetMonths), offsetMonths, windowDaysBefore: window, windowDaysAfter: window, contactMode: inPerson ? "clinic" : "phone", activities };
    });
  return { ruleSet: ruleSetId, durationMonths, visits };
}
