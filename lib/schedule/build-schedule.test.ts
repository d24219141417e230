import { describe, expect, it } from "vitest";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import type { TPlan, TPlanVisit, TRequirementKind } from "@/lib/validation/plan";
import { ZScheduleInput } from "@/lib/validation/schedule";

const visit = (offsetMonths: number, windowDays = 14, kinds: TRequirementKind[] = ["clinical_visit"]): TPlanVisit => ({
  id: `M${String(offsetMonths).padStart(2, "0")}`,
  offsetMonths,
  windowDaysBefore: windowDays,
  windowDaysAfter: windowDays,
  contactMode: "clinic",
  activities: kinds.map((kind) => ({ kind })),
});
const plan = (durationMonths: number, offsets: number[], windowDays = 14): TPlan => ({ ruleSet: "CDE-2021", durationMonths, visits: offsets.map((o) => visit(o, windowDays)) });

/** Input as JSON would give it, parsed by the shared schema; one plan version and an active subject unless told. */
function schedule(input: Record<string, unknown>) {
  return buildSchedule(ZScheduleInput.parse({ planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [6, 12]) }], subject: { status: "active" }, ...input }));
}
const lines = (result: ReturnType<typeof buildSchedule>) => result.visits.map((v) => `${v.visitId} v${v.planVersion} ${v.targetDate} ${v.status}`);

describe("the contract's example", () => {
  const kinds: TRequirementKind[] = ["persistence_sampling", "integration_monitoring", "persistence_sampling"];
  const v1: TPlan = { ruleSet: "CDE-2021", durationMonths: 60, visits: [visit(6, 14, kinds), visit(12, 14, kinds), visit(18, 14, kinds), visit(24, 14, kinds)] };
  const v2: TPlan = { ...v1, visits: v1.visits.map((v) => ({ ...v, windowDaysBefore: 30, windowDaysAfter: 30 })) };
  const result = schedule({
    dosingDate: "2024-02-29",
    asOf: "2025-09-01",
    planVersions: [
      { version: 1, effectiveDate: "2023-12-01", plan: v1 },
      { version: 2, effectiveDate: "2025-06-01", plan: v2 },
    ],
    records: [
      { visitId: "M06", planVersion: 1, status: "completed", date: "2024-08-27" },
      { visitId: "M12", planVersion: 1, status: "missed", date: "2025-03-20", reason: "subject travelling" },
    ],
    subject: { status: "active" },
  });

  it("gives the example's first visit key for key, and its follow-up end", () => {
    expect(result.followUpEnd).toBe("2029-02-28");
    expect(JSON.stringify(result.visits[0])).toBe(
      JSON.stringify({
        visitId: "M06",
        planVersion: 1,
        offsetMonths: 6,
        targetDate: "2024-08-29",
        windowStart: "2024-08-15",
        windowEnd: "2024-09-12",
        contactMode: "clinic",
        activities: ["integration_monitoring", "persistence_sampling"],
        status: "completed",
        recordedDate: "2024-08-27",
      }),
    );
  });

  it("keeps the recorded visits under version 1 and takes the rest from version 2", () => {
    expect(lines(result)).toEqual(["M06 v1 2024-08-29 completed", "M12 v1 2025-02-28 missed", "M18 v2 2025-08-29 window_open", "M24 v2 2026-02-28 upcoming"]);
    // The missed visit's reason is not an output key.
    expect(Object.keys(result.visits[1]!)).not.toContain("reason");
  });
});

describe("target dates and windows", () => {
  it("leap-day dosing: months land on the 28th when the 29th does not exist", () => {
    const result = schedule({ dosingDate: "2024-02-29", asOf: "2024-03-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [12, 48, 60]) }] });
    expect(result.visits.map((v) => v.targetDate)).toEqual(["2025-02-28", "2028-02-29", "2029-02-28"]);
    expect(result.followUpEnd).toBe("2029-02-28");
  });

  it("month-end dosing: 31 August + 6 months = 28 February; windows count days across month ends", () => {
    const result = schedule({ dosingDate: "2024-08-31", asOf: "2024-09-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [1, 6, 7]) }] });
    expect(result.visits.map((v) => v.targetDate)).toEqual(["2024-09-30", "2025-02-28", "2025-03-31"]);
    expect(result.visits[1]).toMatchObject({ windowStart: "2025-02-14", windowEnd: "2025-03-14" });
    expect(result.followUpEnd).toBe("2025-08-31");
  });

  it("31 January + 1 month is 29 February in a leap year, 28 February otherwise", () => {
    expect(schedule({ dosingDate: "2024-01-31", asOf: "2024-02-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [1]) }] }).visits[0]!.targetDate).toBe("2024-02-29");
    expect(schedule({ dosingDate: "2023-01-31", asOf: "2023-02-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [1]) }] }).visits[0]!.targetDate).toBe("2023-02-28");
  });
});

describe("status at each window boundary", () => {
  // M06 target 2024-07-15, window 2024-07-01 … 2024-07-29.
  it.each([
    ["2024-06-30", "upcoming", "the day before the window"],
    ["2024-07-01", "window_open", "its first day"],
    ["2024-07-15", "window_open", "the target date"],
    ["2024-07-29", "window_open", "its last day"],
    ["2024-07-30", "overdue", "the day after"],
  ])("asOf %s → %s (%s)", (asOf, status) => {
    expect(schedule({ dosingDate: "2024-01-15", asOf }).visits[0]!.status).toBe(status);
  });

  it.each([
    ["2024-07-14", "upcoming"],
    ["2024-07-15", "window_open"],
    ["2024-07-16", "overdue"],
  ])("a window of zero days is open on the target date only: asOf %s → %s", (asOf, status) => {
    const result = schedule({ dosingDate: "2024-01-15", asOf, planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [6], 0) }] });
    expect(result.visits[0]).toMatchObject({ windowStart: "2024-07-15", windowEnd: "2024-07-15", status });
  });

  it("recorded visits are completed or missed whatever the date, with their recorded date", () => {
    const result = schedule({
      dosingDate: "2024-01-15",
      asOf: "2024-06-01",
      records: [
        { visitId: "M06", planVersion: 1, status: "completed", date: "2024-05-30" },
        { visitId: "M12", planVersion: 1, status: "missed", date: "2024-06-01", reason: "subject hospitalised" },
      ],
    });
    expect(result.visits.map((v) => [v.visitId, v.status, v.recordedDate])).toEqual([
      ["M06", "completed", "2024-05-30"],
      ["M12", "missed", "2024-06-01"],
    ]);
  });
});

describe("amendments (CDE §2.3.2): a new version replaces the future, never the past", () => {
  const v1 = plan(60, [6, 12, 18, 24, 30]);
  const v2: TPlan = { ruleSet: "CDE-2021", durationMonths: 180, visits: [visit(12, 30), visit(18, 30), visit(24, 30), visit(36, 30)] };
  // Given newest first: the order of planVersions does not matter.
  const planVersions = [
    { version: 2, effectiveDate: "2025-03-01", plan: v2 },
    { version: 1, effectiveDate: "2023-11-01", plan: v1 },
  ];
  const base = { dosingDate: "2024-01-15", planVersions };

  it("recorded, overdue and future visits around an amendment", () => {
    const result = schedule({ ...base, asOf: "2025-09-01", records: [{ visitId: "M06", planVersion: 1, status: "completed", date: "2024-07-10" }] });
    expect(lines(result)).toEqual([
      "M06 v1 2024-07-15 completed",
      // Target before v2's effective date: v1's, now overdue; v2's M12 falls in v1's stretch.
      "M12 v1 2025-01-15 overdue",
      "M18 v2 2025-07-15 overdue",
      "M24 v2 2026-01-15 upcoming",
      // v1's M30 (2026-07-15) falls in v2's stretch and v2 has no M30: it is gone.
      "M36 v2 2027-01-15 upcoming",
    ]);
    expect(result.followUpEnd).toBe("2039-01-15");
  });

  it("a visit recorded early under the old version stays under it, and the new version's visit with that id is not scheduled", () => {
    // M12 targets 2025-07-15, after v2 takes effect (2025-03-01); it was done early, under v1.
    const records = [{ visitId: "M12", planVersion: 1, status: "completed", date: "2025-02-20" }];
    const versions = [
      { version: 1, effectiveDate: "2023-11-01", plan: v1 },
      { version: 2, effectiveDate: "2025-03-01", plan: v2 },
    ];
    const withRecord = schedule({ dosingDate: "2024-07-15", asOf: "2025-04-01", planVersions: versions, records });
    expect(withRecord.visits.filter((v) => v.visitId === "M12")).toEqual([expect.objectContaining({ planVersion: 1, status: "completed", recordedDate: "2025-02-20", targetDate: "2025-07-15", windowStart: "2025-07-01" })]);
    // Without the record, v2's M12 (±30 days) is the one scheduled.
    const withoutRecord = schedule({ dosingDate: "2024-07-15", asOf: "2025-04-01", planVersions: versions });
    expect(withoutRecord.visits.filter((v) => v.visitId === "M12")).toEqual([expect.objectContaining({ planVersion: 2, status: "upcoming", windowStart: "2025-06-15" })]);
  });

  it("a recorded visit appears as recorded even where its version no longer governs and the new version has no such visit", () => {
    const result = schedule({ ...base, asOf: "2026-08-01", records: [{ visitId: "M30", planVersion: 1, status: "missed", date: "2026-07-30" }] });
    expect(lines(result)).toContain("M30 v1 2026-07-15 missed");
  });

  it("a visit whose target is the new version's effective date belongs to the new version", () => {
    const result = schedule({
      dosingDate: "2024-03-01",
      asOf: "2024-03-02",
      planVersions: [
        { version: 1, effectiveDate: "2024-01-01", plan: plan(60, [6, 12]) },
        { version: 2, effectiveDate: "2024-09-01", plan: plan(60, [6, 12], 30) },
      ],
    });
    expect(lines(result)).toEqual(["M06 v2 2024-09-01 upcoming", "M12 v2 2025-03-01 upcoming"]);
  });

  it("three versions: each governs its own stretch", () => {
    const result = schedule({
      dosingDate: "2024-01-15",
      asOf: "2024-01-16",
      planVersions: [
        { version: 3, effectiveDate: "2026-01-01", plan: plan(120, [24, 36, 48]) },
        { version: 1, effectiveDate: "2023-01-01", plan: plan(60, [6, 12, 24, 36]) },
        { version: 2, effectiveDate: "2025-01-01", plan: plan(60, [6, 12, 18, 24]) },
      ],
    });
    expect(lines(result).map((l) => l.split(" ").slice(0, 2).join(" "))).toEqual(["M06 v1", "M12 v2", "M18 v2", "M24 v3", "M36 v3", "M48 v3"]);
  });

  it("the earliest version governs from dosing even when its effective date is after dosing", () => {
    const result = schedule({ dosingDate: "2024-01-15", asOf: "2024-02-01", planVersions: [{ version: 1, effectiveDate: "2024-06-01", plan: v1 }] });
    expect(result.visits[0]).toMatchObject({ visitId: "M06", planVersion: 1, targetDate: "2024-07-15" });
    expect(result.followUpEnd).toBe("2029-01-15");
  });

  it("a later version effective before dosing governs every visit", () => {
    const result = schedule({ ...base, dosingDate: "2025-06-01", asOf: "2025-06-02" });
    expect(result.visits.every((v) => v.planVersion === 2)).toBe(true);
    expect(result.followUpEnd).toBe("2040-06-01");
  });

  it("the version governing at asOf gives the follow-up end: the earliest before any later one takes effect, even before dosing", () => {
    expect(schedule({ ...base, asOf: "2025-02-28" }).followUpEnd).toBe("2029-01-15");
    expect(schedule({ ...base, asOf: "2025-03-01" }).followUpEnd).toBe("2039-01-15");
    // Before dosing, and before the earliest version's own effective date.
    expect(schedule({ ...base, asOf: "2023-06-01" }).followUpEnd).toBe("2029-01-15");
  });
});

describe("subjects who are no longer active", () => {
  // M03 2024-04-15 (recorded), M06 2024-07-15, M08 2024-09-15 (= status date), M12 2025-01-15, M18 2025-07-15 (recorded late, after the status date).
  it.each(["died", "withdrawn", "lost_to_follow_up", "completed"] as const)("%s: visits after the status date are not required; earlier ones keep their status; recorded ones stay recorded", (status) => {
    const result = schedule({
      dosingDate: "2024-01-15",
      asOf: "2024-10-01",
      planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [3, 6, 8, 12, 18], 30) }],
      records: [
        { visitId: "M03", planVersion: 1, status: "completed", date: "2024-04-15" },
        { visitId: "M18", planVersion: 1, status: "missed", date: "2024-09-15", reason: "subject died" },
      ],
      subject: { status, statusDate: "2024-09-15" },
    });
    expect(result.visits.map((v) => `${v.visitId} ${v.status}`)).toEqual(["M03 completed", "M06 overdue", "M08 window_open", "M12 not_required", "M18 missed"]);
  });

  it("not_required takes precedence over a time status, whatever asOf", () => {
    const result = schedule({ dosingDate: "2024-01-15", asOf: "2030-01-01", subject: { status: "withdrawn", statusDate: "2024-02-01" } });
    expect(result.visits.map((v) => v.status)).toEqual(["not_required", "not_required"]);
  });
});

describe("output shape", () => {
  it("is sorted by target date then visit id, with sorted unique activities and the contract's keys only", () => {
    const p: TPlan = {
      ruleSet: "CDE-2021",
      durationMonths: 24,
      visits: [
        { ...visit(12, 14, ["persistence_sampling", "clinical_visit", "persistence_sampling"]), id: "B12" },
        { ...visit(12, 14, ["integration_monitoring"]), id: "A12" },
        { ...visit(12, 14, []), id: "a12" },
        visit(6),
      ],
    };
    const result = schedule({
      dosingDate: "2024-01-15",
      asOf: "2024-01-16",
      planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: p }],
      records: [{ visitId: "M06", planVersion: 1, status: "missed", date: "2024-07-20", reason: "away" }],
    });
    expect(result.visits.map((v) => v.visitId)).toEqual(["M06", "A12", "B12", "a12"]);
    expect(result.visits[2]!.activities).toEqual(["clinical_visit", "persistence_sampling"]);
    expect(result.visits[3]!.activities).toEqual([]);
    expect(Object.keys(result)).toEqual(["followUpEnd", "visits"]);
    expect(Object.keys(result.visits[0]!)).toEqual(["visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities", "status", "recordedDate"]);
    expect(Object.keys(result.visits[1]!)).toEqual(["visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities", "status"]);
  });

  it("does not share activity arrays between calls", () => {
    const input = ZScheduleInput.parse({ dosingDate: "2024-01-15", asOf: "2024-01-16", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [6]) }], subject: { status: "active" } });
    buildSchedule(input).visits[0]!.activities.push("shedding_monitoring");
    expect(buildSchedule(input).visits[0]!.activities).toEqual(["clinical_visit"]);
  });
});

describe("bad input names the field", () => {
  const planVersion = { version: 1, effectiveDate: "2020-01-01", plan: plan(12, [6]) };
  const valid = { dosingDate: "2024-01-15", asOf: "2024-02-01", planVersions: [planVersion], subject: { status: "active" } };
  const record = { visitId: "M06", planVersion: 1, status: "completed", date: "2024-07-01" };

  it("accepts the valid input, with or without records", () => {
    expect(ZScheduleInput.safeParse(valid).success).toBe(true);
    expect(ZScheduleInput.safeParse({ ...valid, records: [record] }).success).toBe(true);
  });

  it.each([
    ["dosingDate", { ...valid, dosingDate: "2025-02-30" }],
    ["dosingDate", { ...valid, dosingDate: "2023-02-29" }],
    ["dosingDate", { ...valid, dosingDate: "2024-13-01" }],
    ["dosingDate", { ...valid, dosingDate: "2024-1-15" }],
    ["asOf", { ...valid, asOf: undefined }],
    ["asOf", { ...valid, asOf: "2024-02-01T00:00:00Z" }],
    ["planVersions", { ...valid, planVersions: [] }],
    ["planVersions.0.effectiveDate", { ...valid, planVersions: [{ ...planVersion, effectiveDate: "2021-04-31" }] }],
    ["planVersions.0.plan.visits.0.offsetMonths", { ...valid, planVersions: [{ ...planVersion, plan: { ...planVersion.plan, visits: [{ ...planVersion.plan.visits[0], offsetMonths: 0 }] } }] }],
    ["planVersions.0.plan.visits.0.offsetMonths", { ...valid, dosingDate: "9990-01-01", planVersions: [{ ...planVersion, plan: { ...planVersion.plan, visits: [{ ...planVersion.plan.visits[0], offsetMonths: 120 }] } }] }],
    ["planVersions.0.plan.durationMonths", { ...valid, dosingDate: "9990-01-01", planVersions: [{ ...planVersion, plan: { ...planVersion.plan, durationMonths: 1200 } }] }],
    ["planVersions.1.version", { ...valid, planVersions: [planVersion, { ...planVersion, effectiveDate: "2022-01-01" }] }],
    ["planVersions.1.effectiveDate", { ...valid, planVersions: [planVersion, { ...planVersion, version: 2 }] }],
    ["records.0.visitId", { ...valid, records: [{ ...record, visitId: "M99" }] }],
    ["records.0.planVersion", { ...valid, records: [{ ...record, planVersion: 3 }] }],
    ["records.0.status", { ...valid, records: [{ ...record, status: "done" }] }],
    ["records.0.date", { ...valid, records: [{ ...record, date: "2024-06-31" }] }],
    ["records.1", { ...valid, records: [record, { ...record, status: "missed" }] }],
    ["subject", { ...valid, subject: undefined }],
    ["subject.status", { ...valid, subject: { status: "deceased", statusDate: "2024-01-01" } }],
    ["subject.statusDate", { ...valid, subject: { status: "died" } }],
    ["subject.statusDate", { ...valid, subject: { status: "withdrawn", statusDate: "2024-02-30" } }],
  ])("names %s", (field, input) => {
    const parsed = ZScheduleInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
