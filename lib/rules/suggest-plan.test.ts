import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { applyDurationOverride } from "@/lib/rules/duration-override";
import { suggestPlan, visitIdFor } from "@/lib/rules/suggest-plan";
import { profileOf } from "@/lib/rules/test-profiles";
import { validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan } from "@/lib/validation/plan";

describe("suggestPlan", () => {
  const lenti = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
  const plan = suggestPlan(lenti);

  it("a lentiviral product: 6-monthly for 5 years, then yearly to 15 years — 20 visits", () => {
    expect(plan.ruleSet).toBe("CDE-2021");
    expect(plan.durationMonths).toBe(180);
    expect(plan.visits.map((v) => v.offsetMonths)).toEqual([6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120, 132, 144, 156, 168, 180]);
    expect(plan.visits.map((v) => v.id).slice(0, 2)).toEqual(["M06", "M12"]);
    expect(plan.visits.at(-1)!.id).toBe("M180");
  });

  it("shares visits: the 6-monthly integration visit is, every second time, the yearly clinical visit", () => {
    const kinds = (month: number) => plan.visits.find((v) => v.offsetMonths === month)!.activities.map((a) => a.kind);
    expect(kinds(6)).toEqual(["integration_monitoring"]);
    expect(kinds(12)).toEqual(["clinical_visit", "integration_monitoring", "persistence_sampling"]);
    expect(kinds(72)).toEqual(["integration_monitoring", "persistence_sampling", "remote_contact"]);
  });

  it("windows: ±14 days where the visit serves an interval ≤ 6 months, ±30 days otherwise", () => {
    expect(plan.visits.find((v) => v.offsetMonths === 12)).toMatchObject({ windowDaysBefore: 14, windowDaysAfter: 14 });
    expect(plan.visits.find((v) => v.offsetMonths === 72)).toMatchObject({ windowDaysBefore: 30, windowDaysAfter: 30 });
  });

  it("every activity names the clause of the requirement it serves, and samples their type", () => {
    for (const v of plan.visits) for (const a of v.activities) expect(a.citation).toMatch(/^CDE §/);
    expect(plan.visits[0]!.activities[0]).toEqual({ kind: "integration_monitoring", sampleType: "peripheral_blood", citation: "CDE §2.4.1" });
  });

  it("marks surrogate samples when the target tissue is inaccessible", () => {
    const aavEye = suggestPlan(deriveRequirements(profileOf({ platform: "aav", route: "subretinal", targetTissueAccessible: false })));
    expect(aavEye.visits[0]!.activities.find((a) => a.kind === "surrogate_sampling")).toMatchObject({ surrogate: true, sampleType: "peripheral_blood" });
  });

  it("is a valid plan of the contract format that validatePlan accepts", () => {
    expect(ZPlan.safeParse(plan).success).toBe(true);
    expect(validatePlan(lenti, ZPlan.parse(plan)).violations).toEqual([]);
  });

  it("no LTFU: a plan with no visits", () => {
    expect(suggestPlan(deriveRequirements(profileOf({ platform: "plasmid" })))).toEqual({ ruleSet: "CDE-2021", durationMonths: 0, visits: [] });
  });

  it("visit ids are M + the offset zero-padded to two or three digits", () => {
    expect([visitIdFor(6), visitIdFor(12), visitIdFor(120)]).toEqual(["M06", "M12", "M120"]);
  });
});

describe("duration override (CDE §2.2.3)", () => {
  const aav = deriveRequirements(profileOf({ platform: "aav" }));
  it("keeps the derived value beside the override, and needs a justification", () => {
    expect(applyDurationOverride(aav, { durationMonths: 60 })).toEqual({ derivedMonths: 60, effectiveMonths: 60, override: null });
    expect(() => applyDurationOverride(aav, { durationMonths: 120 })).toThrow(/justification/);
    expect(applyDurationOverride(aav, { durationMonths: 120, justification: "transgene still expressed at year 5" })).toEqual({
      derivedMonths: 60,
      effectiveMonths: 120,
      override: { direction: "extended", months: 120, justification: "transgene still expressed at year 5", citation: "CDE §2.2.3" },
    });
    expect(applyDurationOverride(aav, { durationMonths: 36, justification: "agreed with CDE" }).override?.direction).toBe("shortened");
  });
});
