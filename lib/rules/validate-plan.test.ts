import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { profileOf } from "@/lib/rules/test-profiles";
import { findLongestGap, listUnjustifiedViolations, validatePlan, violationKey } from "@/lib/rules/validate-plan";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";

const lenti = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
const aav = deriveRequirements(profileOf({ platform: "aav" }));

function visit(offsetMonths: number, kinds: TPlanVisit["activities"][number]["kind"][], contactMode: TPlanVisit["contactMode"] = "clinic"): TPlanVisit {
  return { id: `M${String(offsetMonths).padStart(2, "0")}`, offsetMonths, windowDaysBefore: 14, windowDaysAfter: 14, contactMode, activities: kinds.map((kind) => ({ kind })) };
}
const plan = (durationMonths: number, visits: TPlanVisit[]): TPlan => ({ ruleSet: "CDE-2021", durationMonths, visits });

describe("coverage gaps (the contract's examples)", () => {
  it("yearly clinical visits for months 0–60 are months 12, 24, 36, 48 and 60: covered", () => {
    expect(validatePlan(aav, plan(60, [12, 24, 36, 48, 60].map((m) => visit(m, ["clinical_visit", "persistence_sampling"]))))).toEqual({ valid: true, ruleSet: "CDE-2021", violations: [] });
  });

  it("stopping at month 48 leaves months 48–60 uncovered", () => {
    const result = validatePlan(aav, plan(60, [12, 24, 36, 48].map((m) => visit(m, ["clinical_visit", "persistence_sampling"]))));
    expect(result.valid).toBe(false);
    expect(result.violations[0]).toEqual({
      code: "coverage_gap",
      citation: "CDE §2.3.2",
      message: expect.stringContaining("CDE §2.3.2"),
      kind: "clinical_visit",
      fromMonth: 0,
      toMonth: 60,
      maxIntervalMonths: 12,
      gapFromMonth: 48,
      gapToMonth: 60,
    });
  });

  it("clinical visits every 18 months: one violation per requirement, for its longest (first) stretch", () => {
    const result = validatePlan(aav, plan(60, [18, 36, 54].map((m) => visit(m, ["clinical_visit", "persistence_sampling"]))));
    const clinical = result.violations.filter((v) => v.code === "coverage_gap" && v.kind === "clinical_visit");
    expect(clinical).toHaveLength(1);
    expect(clinical[0]).toMatchObject({ gapFromMonth: 0, gapToMonth: 18, maxIntervalMonths: 12, citation: "CDE §2.3.2" });
    expect(clinical[0]!.message).toMatch(/18 months.*maximum interval is 12 months \(CDE §2\.3\.2\)/);
  });

  it("a 10-year plan for a lentiviral product: shorter than derived, and its last 5 years uncovered", () => {
    const suggested = suggestPlan(lenti);
    const tenYears = plan(120, suggested.visits.filter((v) => v.offsetMonths <= 120));
    const result = validatePlan(lenti, tenYears);
    expect(result.violations.find((v) => v.code === "duration_shorter_than_derived")).toEqual({
      code: "duration_shorter_than_derived",
      citation: "CDE §2.2.3",
      message: expect.stringContaining("CDE §2.2.3"),
      durationMonths: 120,
      derivedMonths: 180,
    });
    const gaps = result.violations.filter((v) => v.code === "coverage_gap");
    expect(gaps.map((g) => g.code === "coverage_gap" && `${g.kind} ${g.gapFromMonth}-${g.gapToMonth}`)).toEqual(["remote_contact 120-180", "persistence_sampling 120-180", "integration_monitoring 120-180"]);
    expect(result.violations.map((v) => v.code)).toEqual(["coverage_gap", "coverage_gap", "coverage_gap", "duration_shorter_than_derived"]);
  });

  it("a clinical visit by phone is an in-person activity on a remote contact", () => {
    const result = validatePlan(aav, plan(60, [12, 24, 36, 48, 60].map((m) => visit(m, ["clinical_visit", "persistence_sampling"], m === 24 ? "phone" : "clinic"))));
    expect(result.violations).toEqual([{ code: "in_person_activity_on_remote_contact", citation: "CDE §2.3.2", message: expect.stringContaining("M24"), visitId: "M24" }]);
  });

  it("a visit after the planned period", () => {
    const result = validatePlan(aav, plan(60, [...[12, 24, 36, 48, 60].map((m) => visit(m, ["clinical_visit", "persistence_sampling"])), visit(72, ["persistence_sampling"])]));
    expect(result.violations).toEqual([{ code: "visit_after_period_end", citation: "CDE §2.2.3", message: expect.stringContaining("M72"), visitId: "M72" }]);
  });

  it("every visit is a contact: remote_contact is served by any visit, whatever its activities", () => {
    const result = validatePlan(lenti, plan(180, suggestPlan(lenti).visits.map((v) => (v.offsetMonths > 60 ? { ...v, activities: v.activities.filter((a) => a.kind !== "remote_contact") } : v))));
    expect(result.violations).toEqual([]);
  });

  it("a product without LTFU accepts any well-formed plan", () => {
    const none = deriveRequirements(profileOf({ platform: "plasmid" }));
    expect(validatePlan(none, plan(0, [visit(6, ["clinical_visit"], "phone")])).valid).toBe(true);
  });
});

describe("findLongestGap: window boundaries", () => {
  const yearly = { kind: "clinical_visit" as const, fromMonth: 0, toMonth: 60, maxIntervalMonths: 12, citation: "CDE §2.3.2" };
  it.each([
    [[12, 24, 36, 48, 60], null],
    [[12, 24, 36, 49, 60], { gapFromMonth: 36, gapToMonth: 49 }],
    [[13, 24, 36, 48, 60], { gapFromMonth: 0, gapToMonth: 13 }],
    [[11, 22, 33, 44, 55], null],
    [[11, 22, 33, 44, 48], { gapFromMonth: 48, gapToMonth: 60 }],
    [[], { gapFromMonth: 0, gapToMonth: 60 }],
    [[0, 12, 24, 36, 48, 60, 72], null],
  ])("events %j → %j", (offsets, gap) => {
    expect(findLongestGap(yearly, offsets)).toEqual(gap);
  });
  it("a period shorter than the interval cannot have a gap", () => {
    expect(findLongestGap({ ...yearly, fromMonth: 0, toMonth: 6 }, [])).toBeNull();
  });
});

describe("justifications", () => {
  it("a plan with violations is accepted only when each one has a written justification", () => {
    const result = validatePlan(aav, plan(48, [12, 24, 36, 48].map((m) => visit(m, ["clinical_visit", "persistence_sampling"]))));
    expect(result.violations.length).toBe(3);
    const keys = result.violations.map((v) => violationKey(v));
    expect(new Set(keys).size).toBe(keys.length);
    expect(listUnjustifiedViolations(result, {})).toHaveLength(3);
    expect(listUnjustifiedViolations(result, { [keys[0]!]: "reason", [keys[1]!]: "  " })).toHaveLength(2);
    expect(listUnjustifiedViolations(result, Object.fromEntries(keys.map((k) => [k, "agreed with CDE"])))).toEqual([]);
  });
});

describe("justification keys survive a change of the derived months", () => {
  it("name the requirement's kind and period, never its months", () => {
    const visits = [12, 24, 36, 48].map((m) => visit(m, ["clinical_visit", "persistence_sampling"]));
    const underAav = validatePlan(aav, plan(48, visits)).violations.map((v) => violationKey(v));
    expect(underAav).toEqual(["coverage_gap:clinical_visit:early", "coverage_gap:persistence_sampling:whole", "duration_shorter_than_derived"]);
    // The same plan under a 15-year derivation: other months, the same keys for the same requirements.
    const underLenti = validatePlan(lenti, plan(48, visits)).violations.map((v) => violationKey(v));
    expect(underLenti).toEqual([
      "coverage_gap:clinical_visit:early",
      "coverage_gap:remote_contact:late",
      "coverage_gap:persistence_sampling:whole",
      "coverage_gap:integration_monitoring:early",
      "coverage_gap:integration_monitoring:late",
      "duration_shorter_than_derived",
    ]);
  });

  it("visit violations are keyed by the visit's id", () => {
    const result = validatePlan(aav, plan(60, [...[12, 24, 36, 48, 60].map((m) => visit(m, ["clinical_visit", "persistence_sampling"])), visit(72, [], "phone")]));
    expect(result.violations.map((v) => violationKey(v))).toEqual(["visit_after_period_end:M72"]);
  });
});
