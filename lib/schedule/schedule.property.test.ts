import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildSchedule, type Schedule, type ScheduledVisit } from "@/lib/schedule/build-schedule";
import { addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";
import { ZScheduleInput, type TScheduleInput } from "@/lib/validation/schedule";

const day = (text: string) => parseCalendarDate(text)!;
const arbDate = fc.integer({ min: day("2018-01-01"), max: day("2032-12-31") }).map(formatCalendarDate);

// Ids sometimes collide across offsets (V0…V6), so amendments reuse ids at other months.
const arbVisit = (offset: number): fc.Arbitrary<TPlanVisit> =>
  fc.record({
    id: fc.constantFrom(`M${String(offset).padStart(2, "0")}`, `V${offset % 7}`),
    offsetMonths: fc.constant(offset),
    windowDaysBefore: fc.oneof(fc.integer({ min: 0, max: 45 }), fc.constant(183)),
    windowDaysAfter: fc.oneof(fc.integer({ min: 0, max: 45 }), fc.constant(183)),
    contactMode: fc.constantFrom<TPlanVisit["contactMode"]>("clinic", "home", "phone", "questionnaire"),
    activities: fc.subarray<TPlanVisit["activities"][number]>([{ kind: "clinical_visit" }, { kind: "persistence_sampling" }, { kind: "integration_monitoring" }, { kind: "persistence_sampling", sampleType: "bone_marrow" }]),
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

// A date on or next to a visit's window edge or target, so that boundaries are hit often.
const arbAnchor = fc.option(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("windowStart" as const, "target" as const, "windowEnd" as const), fc.integer({ min: -1, max: 1 })), { nil: undefined });

/**
 * Random subjects: 1–3 plan versions (effective before or after dosing), records drawn from the
 * versions' visits, any status; asOf, the status date and an effective date sometimes sit on or
 * next to a visit's target or window edge.
 */
const arbInput: fc.Arbitrary<TScheduleInput> = fc
  .record({
    dosingDate: arbDate,
    asOf: arbDate,
    plans: fc.array(arbPlan, { minLength: 1, maxLength: 3 }),
    effectiveDates: fc.uniqueArray(arbDate, { minLength: 3, maxLength: 3 }),
    recordPicks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean(), arbDate), { maxLength: 6 }),
    subject: fc.oneof(
      fc.constant({ status: "active" as const }),
      fc.record({ status: fc.constantFrom("completed" as const, "died" as const, "withdrawn" as const, "lost_to_follow_up" as const), statusDate: arbDate }),
    ),
    anchors: fc.record({ asOf: arbAnchor, statusDate: arbAnchor, effectiveDate: arbAnchor }),
  })
  .map(({ dosingDate, asOf, plans, effectiveDates, recordPicks, subject, anchors }) => {
    const resolve = (anchor: NonNullable<typeof anchors.asOf>) => {
      const [p, k, edge, delta] = anchor;
      const plan = plans[p % plans.length]!;
      const visit = plan.visits[k % plan.visits.length]!;
      const target = addMonths(day(dosingDate), visit.offsetMonths);
      const edgeDay = edge === "target" ? target : edge === "windowStart" ? target - visit.windowDaysBefore : target + visit.windowDaysAfter;
      return formatCalendarDate(edgeDay + delta);
    };
    if (anchors.asOf) asOf = resolve(anchors.asOf);
    if (anchors.statusDate && subject.status !== "active") subject = { ...subject, statusDate: resolve(anchors.statusDate) };
    if (anchors.effectiveDate) {
      const anchored = resolve(anchors.effectiveDate);
      if (!effectiveDates.includes(anchored)) effectiveDates[1] = anchored;
    }
    const planVersions = plans.map((plan, i) => ({ version: i + 1, effectiveDate: effectiveDates[i]!, plan }));
    const records = new Map<string, unknown>();
    for (const [v, k, completed, date] of recordPicks) {
      const version = planVersions[v % planVersions.length]!;
      const visit = version.plan.visits[k % version.plan.visits.length]!;
      records.set(`${visit.id}|${version.version}`, { visitId: visit.id, planVersion: version.version, status: completed ? "completed" : "missed", date, ...(completed ? {} : { reason: "no show" }) });
    }
    return ZScheduleInput.parse({ dosingDate, asOf, planVersions, records: [...records.values()], subject });
  });

/**
 * The contract read literally, on `YYYY-MM-DD` strings (which sort as dates) and with no
 * precomputation: the oracle `buildSchedule` must agree with.
 */
function referenceSchedule(input: TScheduleInput): Schedule {
  const versions = [...input.planVersions].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : 1));
  const visits: ScheduledVisit[] = [];
  versions.forEach((planVersion, i) => {
    const governsFrom = i === 0 ? input.dosingDate : planVersion.effectiveDate;
    const governsUntil = versions[i + 1]?.effectiveDate;
    for (const visit of planVersion.plan.visits) {
      const targetDate = formatCalendarDate(addMonths(day(input.dosingDate), visit.offsetMonths));
      const record = input.records.find((r) => r.visitId === visit.id && r.planVersion === planVersion.version);
      const inStretch = targetDate >= governsFrom && (governsUntil === undefined || targetDate < governsUntil);
      const recordedElsewhere = input.records.some((r) => r.visitId === visit.id && r.planVersion !== planVersion.version);
      if (!record && (!inStretch || recordedElsewhere)) continue;
      const windowStart = formatCalendarDate(day(targetDate) - visit.windowDaysBefore);
      const windowEnd = formatCalendarDate(day(targetDate) + visit.windowDaysAfter);
      const { subject, asOf } = input;
      const status = record
        ? record.status
        : subject.status !== "active" && targetDate > subject.statusDate!
          ? "not_required"
          : windowEnd < asOf
            ? "overdue"
            : windowStart <= asOf
              ? "window_open"
              : "upcoming";
      visits.push({
        visitId: visit.id,
        planVersion: planVersion.version,
        offsetMonths: visit.offsetMonths,
        targetDate,
        windowStart,
        windowEnd,
        contactMode: visit.contactMode,
        activities: [...new Set(visit.activities.map((a) => a.kind))].sort(),
        status,
        ...(record ? { recordedDate: record.date } : {}),
      });
    }
  });
  visits.sort((a, b) => (a.targetDate !== b.targetDate ? (a.targetDate < b.targetDate ? -1 : 1) : a.visitId !== b.visitId ? (a.visitId < b.visitId ? -1 : 1) : a.planVersion - b.planVersion));
  const governing = versions.filter((v, i) => i === 0 || v.effectiveDate <= input.asOf).at(-1)!;
  return { followUpEnd: formatCalendarDate(addMonths(day(input.dosingDate), governing.plan.durationMonths)), visits };
}

const originalTz = process.env.TZ;
afterEach(() => {
  // Assigning undefined would set the string "undefined".
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("schedule properties", () => {
  it("agrees with a literal reading of the contract", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        expect(buildSchedule(input)).toEqual(referenceSchedule(input));
      }),
      { numRuns: 500 },
    );
  });

  it("every recorded visit appears exactly once, unchanged", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { visits } = buildSchedule(input);
        for (const record of input.records) {
          const matches = visits.filter((v) => v.visitId === record.visitId && v.planVersion === record.planVersion);
          expect(matches).toHaveLength(1);
          expect(matches[0]).toMatchObject({ status: record.status, recordedDate: record.date });
        }
        expect(visits.filter((v) => v.recordedDate !== undefined)).toHaveLength(input.records.length);
      }),
    );
  });

  it("no (visitId, planVersion) pair twice; sorted; an unrecorded visit never repeats an id recorded under another version", () => {
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

  it("moving asOf forward never turns overdue back into upcoming or window_open, and never changes which visits appear", () => {
    fc.assert(
      fc.property(arbInput, fc.integer({ min: 1, max: 800 }), (input, days) => {
        const later = formatCalendarDate(day(input.asOf) + days);
        const before = buildSchedule(input).visits;
        const after = buildSchedule({ ...input, asOf: later }).visits;
        expect(after.map((v) => `${v.visitId}|${v.planVersion}`)).toEqual(before.map((v) => `${v.visitId}|${v.planVersion}`));
        before.forEach((visit, i) => {
          if (visit.status === "overdue") expect(after[i]!.status).toBe("overdue");
          if (visit.status === "window_open") expect(["window_open", "overdue"]).toContain(after[i]!.status);
        });
      }),
    );
  });

  it("target dates are dosing + offset months, windows around them", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const v of buildSchedule(input).visits) {
          expect(v.targetDate).toBe(formatCalendarDate(addMonths(day(input.dosingDate), v.offsetMonths)));
          expect(v.windowStart <= v.targetDate && v.targetDate <= v.windowEnd).toBe(true);
        }
      }),
    );
  });

  it("gives identical output under America/Los_Angeles, Asia/Shanghai and Pacific/Kiritimati", () => {
    const zones = ["America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"];
    // The switch must really happen in this process, or the comparison proves nothing.
    const offsets = zones.map((zone) => {
      process.env.TZ = zone;
      return new Date(2024, 0, 1).getTimezoneOffset();
    });
    expect(offsets).toEqual([480, -480, -840]);
    fc.assert(
      fc.property(arbInput, (input) => {
        const outputs = zones.map((zone) => {
          process.env.TZ = zone;
          return JSON.stringify(buildSchedule(input));
        });
        expect(outputs[1]).toBe(outputs[0]);
        expect(outputs[2]).toBe(outputs[0]);
      }),
      { numRuns: 100 },
    );
  });
});
