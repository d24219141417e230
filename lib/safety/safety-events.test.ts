import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { profileOf } from "@/lib/rules/test-profiles";
import type { SampleResultFacts } from "@/lib/safety/evaluate-triggers";
import { buildSafetyEvents, computeExtension, mergeSafetyEvents, wholeMonthsBetween, type EscalationFacts, type SafetyEventsInput } from "@/lib/safety/safety-events";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";

const LENTI = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
const AAV = deriveRequirements(profileOf({ platform: "aav", route: "intravenous" }));

// A lentiviral subject dosed on a leap day, integration monitoring every 6 months in the plan.
const PLAN_VISITS = [
  { targetDate: "2024-08-29", activities: ["integration_monitoring", "persistence_sampling"] },
  { targetDate: "2025-02-28", activities: ["clinical_visit", "integration_monitoring", "persistence_sampling"] },
  { targetDate: "2025-08-29", activities: ["integration_monitoring", "persistence_sampling"] },
  { targetDate: "2026-02-28", activities: ["clinical_visit", "integration_monitoring", "persistence_sampling"] },
];

function lentiInput(overrides: Partial<SafetyEventsInput>): SafetyEventsInput {
  return {
    dosingDate: "2024-02-29",
    followUpEnd: "2039-02-28",
    asOf: "2024-09-01",
    subject: { status: "active" },
    derivation: LENTI,
    planVisits: PLAN_VISITS,
    escalations: [],
    results: [],
    records: [],
    ...overrides,
  };
}

const escalation = (overrides: Partial<EscalationFacts>): EscalationFacts => ({ id: "e1", trigger: "dominant_clone", openedDate: "2024-08-27", dueDate: "2024-11-27", status: "open", resolvedDate: null, ...overrides });
const result = (overrides: Partial<SampleResultFacts>): SampleResultFacts => ({ id: "r", kind: "persistence", collectedDate: "2024-08-27", detected: true, ...overrides });

describe("dominant clone: a confirmatory retest event with the due date as window end", () => {
  it("appears as a schedule row of its own", () => {
    expect(buildSafetyEvents(lentiInput({ escalations: [escalation({})] }))).toEqual([
      {
        visitId: "RT-20241127",
        planVersion: null,
        offsetMonths: 8,
        targetDate: "2024-11-27",
        windowStart: "2024-08-27",
        windowEnd: "2024-11-27",
        contactMode: "clinic",
        activities: ["integration_monitoring"],
        status: "window_open",
        source: "escalation",
        escalationId: "e1",
      },
    ]);
  });

  it("is overdue the day after its due date, completed once recorded", () => {
    expect(buildSafetyEvents(lentiInput({ escalations: [escalation({})], asOf: "2024-11-28" }))[0]!.status).toBe("overdue");
    const recorded = buildSafetyEvents(lentiInput({ escalations: [escalation({})], asOf: "2024-11-28", records: [{ visitId: "RT-20241127", status: "completed", date: "2024-11-20" }] }));
    expect(recorded[0]).toMatchObject({ status: "completed", recordedDate: "2024-11-20" });
  });

  it("goes when the escalation is resolved before it, unless it was recorded", () => {
    const resolved = escalation({ status: "resolved", resolvedDate: "2024-10-01" });
    expect(buildSafetyEvents(lentiInput({ escalations: [resolved], asOf: "2024-10-02" }))).toEqual([]);
    expect(buildSafetyEvents(lentiInput({ escalations: [resolved], asOf: "2024-10-02", records: [{ visitId: "RT-20241127", status: "completed", date: "2024-09-30" }] })).map((e) => e.visitId)).toEqual(["RT-20241127"]);
  });

  it("is not_required after the subject left the study", () => {
    expect(buildSafetyEvents(lentiInput({ escalations: [escalation({})], subject: { status: "withdrawn", statusDate: "2024-10-01" } }))[0]!.status).toBe("not_required");
  });
});

describe("clonal expansion / oncogene site: integration monitoring at most every 3 months", () => {
  const expansion = escalation({ id: "e2", trigger: "clonal_expansion_or_oncogene_site", openedDate: "2024-08-27", dueDate: "2024-11-27" });

  it("fills between the plan's 6-monthly visits, evenly, until a negative result", () => {
    const events = buildSafetyEvents(lentiInput({ escalations: [expansion], asOf: "2025-07-01", results: [result({ id: "n", kind: "integration_site_analysis", collectedDate: "2025-06-10", detected: false })] }));
    // M06 (08-29) … M12 (02-28): one event halfway. M12 … M18 (08-29) is 6 months and a day
    // (02-28 + 3 months = 05-28, 05-29 + 3 months = 08-29 is needed): two, evenly spaced; the
    // second falls after the negative result of 06-10 and goes.
    expect(events.map((e) => [e.visitId, e.targetDate, e.windowStart, e.windowEnd, e.status])).toEqual([
      ["IM-20241128", "2024-11-28", "2024-11-14", "2024-11-28", "overdue"],
      ["IM-20250429", "2025-04-29", "2025-04-15", "2025-04-29", "overdue"],
    ]);
    expect(events.every((e) => e.source === "escalation" && e.escalationId === "e2" && e.planVersion === null)).toBe(true);
  });

  it("a negative persistence or clonality result ends it too; a negative VCN or a detected result does not", () => {
    const ending = (kind: SampleResultFacts["kind"], detected: boolean) =>
      buildSafetyEvents(lentiInput({ escalations: [expansion], asOf: "2025-01-01", results: [result({ kind, collectedDate: "2024-12-01", detected })] })).filter((e) => e.targetDate > "2024-12-01").length;
    expect(ending("persistence", false)).toBe(0);
    expect(ending("clonality", false)).toBe(0);
    expect(ending("vector_copy_number", false)).toBeGreaterThan(0);
    expect(ending("integration_site_analysis", true)).toBeGreaterThan(0);
  });

  it("a negative result on the opening day does not end it (only a later one)", () => {
    const events = buildSafetyEvents(lentiInput({ escalations: [expansion], results: [result({ kind: "clonality", collectedDate: "2024-08-27", detected: false })] }));
    expect(events[0]!.visitId).toBe("IM-20241128");
  });

  it("without an end, runs to 12 months past the later of asOf and followUpEnd", () => {
    const events = buildSafetyEvents(lentiInput({ escalations: [expansion], asOf: "2024-09-01", followUpEnd: "2025-02-28" }));
    expect(events.at(-1)!.targetDate <= "2026-02-28").toBe(true);
    expect(events.map((e) => e.targetDate)).toEqual(["2024-11-28", "2025-04-29", "2025-06-29", "2025-11-28"]);
  });

  it("a retest counts as integration monitoring", () => {
    const events = buildSafetyEvents(lentiInput({ escalations: [escalation({ id: "e1", openedDate: "2024-08-27", dueDate: "2024-11-27" }), expansion], asOf: "2024-09-01", followUpEnd: "2025-02-28" }));
    expect(events.slice(0, 2).map((e) => e.visitId)).toEqual(["RT-20241127", "IM-20250112"]);
  });
});

describe("extension after the planned period while persistence is detected (CDE §2.3.2)", () => {
  const aav = (overrides: Partial<SafetyEventsInput>) =>
    lentiInput({ derivation: AAV, followUpEnd: "2029-02-28", planVisits: [], escalations: [escalation({ id: "x", trigger: "persistence_at_period_end", openedDate: "2029-02-28", dueDate: null })], ...overrides });

  it("yearly events after followUpEnd, flagged on the subject", () => {
    const input = aav({ asOf: "2030-06-01", results: [result({ collectedDate: "2028-12-01", detected: true })] });
    expect(computeExtension(input)).toEqual({ active: true, since: "2029-02-28" });
    expect(buildSafetyEvents(input)).toEqual([
      { visitId: "EXT-M72", planVersion: null, offsetMonths: 72, targetDate: "2030-02-28", windowStart: "2030-01-29", windowEnd: "2030-03-30", contactMode: "clinic", activities: ["persistence_sampling", "remote_contact"], status: "overdue", source: "extension", escalationId: "x" },
      { visitId: "EXT-M84", planVersion: null, offsetMonths: 84, targetDate: "2031-02-28", windowStart: "2031-01-29", windowEnd: "2031-03-30", contactMode: "clinic", activities: ["persistence_sampling", "remote_contact"], status: "upcoming", source: "extension", escalationId: "x" },
    ]);
  });

  it("stops at the first negative result", () => {
    const input = aav({ asOf: "2030-06-01", results: [result({ collectedDate: "2028-12-01" }), result({ kind: "vector_copy_number", collectedDate: "2030-03-15", detected: false })] });
    expect(computeExtension(input)).toEqual({ active: false, since: null });
    expect(buildSafetyEvents(input).map((e) => e.visitId)).toEqual(["EXT-M72"]);
  });

  it("nothing before followUpEnd, nothing when the latest result is negative, nothing without extendUntilNoRisk", () => {
    expect(buildSafetyEvents(aav({ asOf: "2029-02-27", results: [result({ collectedDate: "2028-12-01" })] }))).toEqual([]);
    expect(buildSafetyEvents(aav({ asOf: "2030-06-01", results: [result({ collectedDate: "2028-12-01", detected: false })] }))).toEqual([]);
    expect(buildSafetyEvents(aav({ asOf: "2030-06-01", derivation: { ...AAV, extendUntilNoRisk: false }, results: [result({ collectedDate: "2028-12-01" })] }))).toEqual([]);
  });

  it("a detected result after a negative one restarts the extension from its date", () => {
    const input = aav({ asOf: "2031-06-01", results: [result({ collectedDate: "2028-12-01", detected: false }), result({ collectedDate: "2029-09-01", detected: true })] });
    expect(computeExtension(input)).toEqual({ active: true, since: "2029-09-01" });
    expect(buildSafetyEvents(input).map((e) => e.visitId)).toEqual(["EXT-M72", "EXT-M84", "EXT-M96"]);
  });
});

describe("schedule rows", () => {
  it("merge with plan visits by target date, then visit id", () => {
    const plan = [
      { visitId: "M06", planVersion: 1, targetDate: "2024-08-29" },
      { visitId: "M12", planVersion: 1, targetDate: "2025-02-28" },
    ];
    const events = buildSafetyEvents(lentiInput({ escalations: [escalation({})] }));
    expect(mergeSafetyEvents(plan, events).map((row) => [row.visitId, row.source, row.planVersion, row.escalationId])).toEqual([
      ["M06", "plan", 1, null],
      ["RT-20241127", "escalation", null, "e1"],
      ["M12", "plan", 1, null],
    ]);
  });

  it("whole months between dates follow the schedule's month rule", () => {
    const d = (text: string) => parseCalendarDate(text)!;
    expect(wholeMonthsBetween(d("2024-02-29"), d("2025-02-28"))).toBe(12);
    expect(wholeMonthsBetween(d("2024-01-31"), d("2024-02-29"))).toBe(1);
    expect(wholeMonthsBetween(d("2024-01-31"), d("2024-02-28"))).toBe(0);
    expect(wholeMonthsBetween(d("2024-03-15"), d("2024-03-15"))).toBe(0);
  });
});
