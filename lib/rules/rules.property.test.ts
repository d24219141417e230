import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveRequirements, type Derivation } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan } from "@/lib/validation/plan";
import { arbProfile } from "@/lib/rules/test-profiles";


const RAISING = ["geneEditing", "replicationCompetent", "latency", "integrationEnhanced", "germlineDistribution"] as const;

/** Every stretch the smaller derivation constrains is constrained at least as tightly by the bigger one. */
function noLooser(smaller: Derivation, bigger: Derivation): boolean {
  return smaller.requirements.every((req) =>
    bigger.requirements.some((r) => r.kind === req.kind && r.fromMonth <= req.fromMonth && r.toMonth >= req.toMonth && r.maxIntervalMonths <= req.maxIntervalMonths) ||
    // A requirement split across phases in the bigger derivation (e.g. remote contact from month 60).
    bigger.requirements.filter((r) => r.kind === req.kind && r.maxIntervalMonths <= req.maxIntervalMonths).some((r) => r.fromMonth <= req.fromMonth && r.toMonth >= req.toMonth),
  );
}

describe("rules engine properties", () => {
  it("the derivation is deterministic, byte for byte", () => {
    fc.assert(fc.property(arbProfile, (profile) => JSON.stringify(deriveRequirements(profile)) === JSON.stringify(deriveRequirements({ ...profile }))));
  });

  it("adding a risk characteristic never shortens the duration nor loosens a maximum interval", () => {
    fc.assert(
      fc.property(arbProfile, fc.constantFrom(...RAISING), (profile, characteristic) => {
        const before = deriveRequirements({ ...profile, [characteristic]: false });
        const after = deriveRequirements({ ...profile, [characteristic]: true });
        expect(after.durationYears).toBeGreaterThanOrEqual(before.durationYears);
        expect(noLooser(before, after)).toBe(true);
      }),
    );
  });

  it("every requirement lies inside the period and cites a clause; every trigger and rationale line too", () => {
    fc.assert(
      fc.property(arbProfile, (profile) => {
        const d = deriveRequirements(profile);
        expect([0, 5, 15]).toContain(d.durationYears);
        expect(d.durationYears === 0).toBe(!d.ltfuRequired);
        for (const r of d.requirements) {
          expect(r.fromMonth).toBeGreaterThanOrEqual(0);
          expect(r.fromMonth).toBeLessThan(r.toMonth);
          expect(r.toMonth).toBeLessThanOrEqual(12 * d.durationYears);
          expect(r.citation).toMatch(/^CDE §\d/);
        }
        for (const t of d.triggers) expect(t.citation).toMatch(/^CDE §\d/);
        for (const line of d.rationale) expect(line).toMatch(/CDE §\d/);
        expect(d.riskFactors).toEqual([...new Set(d.riskFactors)].sort());
      }),
    );
  });

  it("validatePlan accepts the plan the engine suggests, for every profile", () => {
    fc.assert(
      fc.property(arbProfile, (profile) => {
        const derivation = deriveRequirements(profile);
        const plan = ZPlan.parse(suggestPlan(derivation));
        expect(validatePlan(derivation, plan).violations).toEqual([]);
      }),
    );
  });

  it("removing any one activity-bearing visit of the suggestion creates a coverage gap (few visits)", () => {
    fc.assert(
      fc.property(arbProfile, fc.nat(), (profile, pick) => {
        const derivation = deriveRequirements(profile);
        const plan = ZPlan.parse(suggestPlan(derivation));
        fc.pre(plan.visits.length > 0);
        const without = { ...plan, visits: plan.visits.filter((_, i) => i !== pick % plan.visits.length) };
        expect(validatePlan(derivation, without).violations.some((v) => v.code === "coverage_gap")).toBe(true);
      }),
    );
  });
});
