import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import { addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";
import { ZScheduleInput, type TScheduleInput } from "@/lib/validation/schedule";

const arbDate = fc.integer({ min: parseCalendarDate("2018-01-01")!, max: parseCalendarDate("2032-12-31")! }).map(formatCalendarDate);

// Ids sometimes collide across offsets (V0…V6), so amendments reuse ids at other months.
const arbVisit = (offset: number): fc.Arbitrary<TPlanVisit> =>
  fc.record({
    id: fc.constantFrom(`M${String(offset).padStart(2, "0")}`, `V${offset % 7}`),
    offsetMonths: fc.constant(offset),
    windowDaysBefore: fc.integer({ min: 0, max: 45 }),
    windowDaysAfter: fc.integer({ min: 0, max: 45 }),
    contactMode: fc.constantFrom<TPlanVisit["contactMode"]>("clinic", "phone"),
    activities: fc.constant(null).map((): TPlanVisit["activities"] => [{ kind: "clinical_visit" }]),
  });

const arbPlan: fc.Arbitrary<TPlan> = fc
  .uniqueArray(fc.integer({ min: 1, max: 72 }), { minLength: 1, maxLength: 10 })
  .chain((offsets) =>
    fc.record({
      ruleSet: fc.constant("CDE-2021"),
      durationMonths: fc.integer({ min: 12, max: 180 }),
      visits: fc.tuple(...offsets.map((offset) => arbVisit(offset))).map((visits) => visits.filter((v, i) => visits.findIndex((w) => w.id === v.id) === i)),
    }),
  );

/** Random subjects: 1–3 plan versions, records drawn from the versions' visits, any status. */
const arbInput: fc.Arbitrary<TScheduleInput> = fc
  .record({
    dosingDate: arbDate,
    asOf: arbDate,
    plans: fc.array(arbPlan, { minLength: 1, maxLength: 3 }),
    effectiveDates: fc.uniqueArray(arbDate, { minLength: 3, maxLength: 3 }),
    recordPicks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), arbDate), { maxLength: 6 }),
    subject: fc.oneof(
      fc.constant({ status: "active" as const }),
      fc.record({ status: fc.constantFrom("died" as const, "withdrawn" as const, "lost_to_follow_up" as const), statusDate: arbDate }),
    ),
  })
  .map(({ dosingDate, asOf, plans, effectiveDates, recordPicks, subject }) => {
    const planVersions = plans.map((plan, i) => ({ version: i + 1, effectiveDate: effectiveDates[i]!, plan }));
    const records = new Map<string, TScheduleInput["records"][number]>();
    for (const [v, k, completed, date] of recordPicks) {
      const version = planVersions[v % planVersions.length]!;
      const visit = version.plan.visits[k % version.plan.visits.length]!;
      records.set(`${visit.id}|${version.version}`, { visitId: visit.id, planVersion: version.version, status: completed ? "completed" : "missed", date });
    }
    return ZScheduleInput.parse({ dosingDate, asOf, planVersions, records: [...records.values()], subject });
  });

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("schedule properties", () => {
  it("every recorded visit appears exactly once, unchanged", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { visits } = buildSchedule(input);
        for (const record of input.records) {
          const matches = visits.filter((v) => v.visitId === record.visitId && v.planVersion === record.planVersion);
          expect(matches).toHaveLength(1);
          expect(matches[0]).toMatchObject({ status: record.status, recordedDate: record.date });
        }
      }),
    );
  });

  it("no pair of visit id and plan version appears twice; output is sorted; non-recorded visit ids never repeat a recorded one from another version", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { visits } = buildSchedule(input);
        const keys = visits.map((v) => `${v.visitId}|${v.planVersion}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (let i = 1; i < visits.length; i++) {
          const [a, b] = [visits[i - 1]!, visits[i]!];
          expect(a.targetDate < b.targetDate || (a.targetDate === b.targetDate && a.visitId <= b.visitId)).toBe(true);
        }
        for (const v of visits.filter((x) => x.recordedDate === undefined)) {
          expect(input.records.some((r) => r.visitId === v.visitId && r.planVersion !== v.planVersion)).toBe(false);
        }
      }),
    );
  });

  it("moving asOf forward never turns overdue back into upcoming or window_open", () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 1, max: 800 }), (input, days) => {
        const later = formatCalendarDate(parseCalendarDate(input.asOf)! + days);
        const before = buildSchedule(input).visits;
        const after = buildSchedule({ ...input, asOf: later }).visits;
        for (const visit of before.filter((v) => v.status === "overdue")) {
          const same = after.find((v) => v.visitId === visit.visitId && v.planVersion === visit.planVersion);
          if (same) expect(["overdue", "completed", "missed", "not_required"]).toContain(same.status);
        }
      }),
    );
  });

  it("target dates are dosing + offset months, windows around them", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const v of buildSchedule(input).visits) {
          expect(v.targetDate).toBe(formatCalendarDate(addMonths(parseCalendarDate(input.dosingDate)!, v.offsetMonths)));
          expect(v.windowStart <= v.targetDate && v.targetDate <= v.windowEnd).toBe(true);
        }
      }),
    );
  });

  it("gives identical output under America/Los_Angeles, Asia/Shanghai and Pacific/Kiritimati", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const outputs = ["America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"].map((tz) => {
          process.env.TZ = tz;
          return JSON.stringify(buildSchedule(input));
        });
        expect(new Set(outputs).size).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});
