import { describe, expect, it } from "vitest";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";
import { ZScheduleInput, type TScheduleInput } from "@/lib/validation/schedule";

const visit = (offsetMonths: number, windowDays = 14, kinds: TPlanVisit["activities"][number]["kind"][] = ["clinical_visit"]): TPlanVisit => ({
  id: `M${String(offsetMonths).padStart(2, "0")}`,
  offsetMonths,
  windowDaysBefore: windowDays,
  windowDaysAfter: windowDays,
  contactMode: "clinic",
  activities: kinds.map((kind) => ({ kind })),
});
const plan = (durationMonths: number, offsets: number[], windowDays = 14): TPlan => ({ ruleSet: "CDE-2021", durationMonths, visits: offsets.map((o) => visit(o, windowDays)) });

function schedule(input: Partial<TScheduleInput> & Pick<TScheduleInput, "dosingDate" | "asOf">) {
  return buildSchedule(ZScheduleInput.parse({ planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [6, 12]) }], ...input }));
}
const statusOf = (asOf: string) => schedule({ dosingDate: "2024-01-15", asOf }).visits[0]!.status;

describe("target dates and windows", () => {
  it("leap-day dosing: months land on the 28th when the 29th does not exist", () => {
    const result = schedule({ dosingDate: "2024-02-29", asOf: "2024-03-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [12, 48, 60]) }] });
    expect(result.visits.map((v) => v.targetDate)).toEqual(["2025-02-28", "2028-02-29", "2029-02-28"]);
    expect(result.followUpEnd).toBe("2029-02-28");
  });

  it("month-end dosing: 31 August + 6 months = 28 February", () => {
    const result = schedule({ dosingDate: "2024-08-31", asOf: "2024-09-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [1, 6]) }] });
    expect(result.visits.map((v) => v.targetDate)).toEqual(["2024-09-30", "2025-02-28"]);
    expect(result.visits[1]).toMatchObject({ windowStart: "2025-02-14", windowEnd: "2025-03-14" });
  });
});

describe("status at each window boundary (M06 target 2024-07-15, window 2024-07-01 … 2024-07-29)", () => {
  it.each([
    ["2024-06-30", "upcoming"],
    ["2024-07-01", "window_open"],
    ["2024-07-15", "window_open"],
    ["2024-07-29", "window_open"],
    ["2024-07-30", "overdue"],
  ])("asOf %s → %s", (asOf, status) => {
    expect(statusOf(asOf)).toBe(status);
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
  const base = {
    dosingDate: "2024-01-15",
    planVersions: [
      { version: 2, effectiveDate: "2025-03-01", plan: v2 },
      { version: 1, effectiveDate: "2023-11-01", plan: v1 },
    ],
  };

  it("recorded, overdue and future visits around an amendment", () => {
    const result = schedule({
      ...base,
      asOf: "2025-09-01",
      records: [{ visitId: "M06", planVersion: 1, status: "completed", date: "2024-07-10" }],
    });
    expect(result.visits.map((v) => `${v.visitId} v${v.planVersion} ${v.targetDate} ${v.status}`)).toEqual([
      "M06 v1 2024-07-15 completed",
      "M12 v1 2025-01-15 overdue",
      "M18 v2 2025-07-15 overdue",
      "M24 v2 2026-01-15 upcoming",
      // v1's M30 (2026-07-15) falls in v2's stretch and v2 has no M30: replaced by v2's M36.
      "M36 v2 2027-01-15 upcoming",
    ]);
    expect(result.followUpEnd).toBe("2039-01-15");
  });

  it("the governing version at asOf gives the follow-up end", () => {
    expect(schedule({ ...base, asOf: "2025-02-28" }).followUpEnd).toBe("2029-01-15");
    expect(schedule({ ...base, asOf: "2025-03-01" }).followUpEnd).toBe("2039-01-15");
  });

  it("a visit recorded early under the old version keeps its version and is not scheduled again under the new one", () => {
    const result = schedule({ ...base, asOf: "2025-04-01", records: [{ visitId: "M18", planVersion: 1, status: "completed", date: "2025-02-20" }] });
    const m18 = result.visits.filter((v) => v.visitId === "M18");
    expect(m18).toEqual([expect.objectContaining({ planVersion: 1, status: "completed", recordedDate: "2025-02-20", targetDate: "2025-07-15" })]);
  });

  it("the earliest version governs from dosing even when its effective date is after dosing", () => {
    const result = schedule({ dosingDate: "2024-01-15", asOf: "2024-02-01", planVersions: [{ version: 1, effectiveDate: "2024-06-01", plan: v1 }] });
    expect(result.visits[0]).toMatchObject({ visitId: "M06", planVersion: 1, targetDate: "2024-07-15" });
  });
});

describe("subjects who are no longer active", () => {
  it.each(["died", "withdrawn", "lost_to_follow_up", "completed"] as const)("%s: visits after the status date are not required; earlier ones keep their status", (status) => {
    const result = schedule({
      dosingDate: "2024-01-15",
      asOf: "2024-10-01",
      planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(60, [3, 6, 12]) }],
      records: [{ visitId: "M03", planVersion: 1, status: "completed", date: "2024-04-15" }],
      subject: { status, statusDate: "2024-08-01" },
    });
    expect(result.visits.map((v) => v.status)).toEqual(["completed", "overdue", "not_required"]);
  });
});

describe("output shape", () => {
  it("is sorted by target date then visit id, with sorted unique activities", () => {
    const p: TPlan = {
      ruleSet: "CDE-2021",
      durationMonths: 24,
      visits: [
        { ...visit(12, 14, ["persistence_sampling", "clinical_visit", "persistence_sampling"]), id: "B12" },
        { ...visit(12, 14, ["integration_monitoring"]), id: "A12" },
        visit(6),
      ],
    };
    const result = schedule({ dosingDate: "2024-01-15", asOf: "2024-01-16", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: p }] });
    expect(result.visits.map((v) => v.visitId)).toEqual(["M06", "A12", "B12"]);
    expect(result.visits[2]!.activities).toEqual(["clinical_visit", "persistence_sampling"]);
    expect(Object.keys(result.visits[0]!)).toEqual(["visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities", "status"]);
  });
});

describe("bad input names the field", () => {
  const valid = { dosingDate: "2024-01-15", asOf: "2024-02-01", planVersions: [{ version: 1, effectiveDate: "2020-01-01", plan: plan(12, [6]) }] };
  it.each([
    [{ ...valid, dosingDate: "2024-02-30" }, "dosingDate"],
    [{ ...valid, asOf: undefined }, "asOf"],
    [{ ...valid, planVersions: [] }, "planVersions"],
    [{ ...valid, planVersions: [valid.planVersions[0], { ...valid.planVersions[0], version: 2 }] }, "planVersions.1.effectiveDate"],
    [{ ...valid, records: [{ visitId: "M99", planVersion: 1, status: "completed", date: "2024-07-01" }] }, "records.0.visitId"],
    [{ ...valid, records: [{ visitId: "M06", planVersion: 3, status: "completed", date: "2024-07-01" }] }, "records.0.planVersion"],
    [{ ...valid, subject: { status: "died" } }, "subject.statusDate"],
  ])("case %# names %s", (input, field) => {
    const parsed = ZScheduleInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });
});
