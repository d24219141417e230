import { addMonthsToCivil, civilFromDayNumber, formatCalendarDate, parseCalendarDate, type DayNumber } from "@/lib/schedule/calendar-date";
import type { TContactMode, TPlan, TRequirementKind } from "@/lib/validation/plan";
import type { TScheduleInput, TSchedulePlanVersion, TVisitRecord } from "@/lib/validation/schedule";

import { computeVisitStatus, type VisitStatus } from "@/lib/schedule/visit-status";

export { VISIT_STATUSES, type VisitStatus } from "@/lib/schedule/visit-status";

/**
 * One visit of SCHEDULE-CONTRACT.md's output, keys in the contract's order. `recordedDate`
 * only on recorded visits; a missed visit's `reason` stays in its record (not a contract key).
 */
export interface ScheduledVisit {
  visitId: string;
  planVersion: number;
  offsetMonths: number;
  targetDate: string;
  windowStart: string;
  windowEnd: string;
  contactMode: TContactMode;
  activities: TRequirementKind[];
  status: VisitStatus;
  recordedDate?: string;
}

export interface Schedule {
  followUpEnd: string;
  visits: ScheduledVisit[];
}

interface PreparedVisit {
  id: string;
  offsetMonths: number;
  windowDaysBefore: number;
  windowDaysAfter: number;
  contactMode: TContactMode;
  activityKinds: TRequirementKind[];
}

// A study's plan objects are shared by all its subjects: their sorted activity kinds are
// computed once per plan object, not once per subject. Plans are treated as immutable.
const preparedPlans = new WeakMap<TPlan, PreparedVisit[]>();

function preparePlan(plan: TPlan): PreparedVisit[] {
  let prepared = preparedPlans.get(plan);
  if (!prepared) {
    prepared = plan.visits.map((visit) => ({
      id: visit.id,
      offsetMonths: visit.offsetMonths,
      windowDaysBefore: visit.windowDaysBefore,
      windowDaysAfter: visit.windowDaysAfter,
      contactMode: visit.contactMode,
      activityKinds: [...new Set(visit.activities.map((activity) => activity.kind))].sort(),
    }));
    preparedPlans.set(plan, prepared);
  }
  return prepared;
}

function toDayNumber(text: string): DayNumber {
  const value = parseCalendarDate(text);
  // ZScheduleInput refuses such dates; reaching here means the input skipped validation.
  if (value === null) throw new RangeError(`not a calendar date: ${text}`);
  return value;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A plan version with the stretch of time it governs: [start, end). */
interface GoverningStretch {
  planVersion: TSchedulePlanVersion;
  start: DayNumber;
  end: DayNumber;
}

/**
 * The earliest effective version governs from dosing, whatever its date; each later one from
 * its effective date until the next one's. A later version effective before dosing therefore
 * leaves the earlier ones an empty stretch.
 */
function listGoverningStretches(planVersions: readonly TSchedulePlanVersion[], dosing: DayNumber): GoverningStretch[] {
  const dated = planVersions.map((planVersion) => ({ planVersion, effective: toDayNumber(planVersion.effectiveDate) })).sort((a, b) => a.effective - b.effective);
  return dated.map(({ planVersion, effective }, i) => ({
    planVersion,
    start: i === 0 ? dosing : effective,
    end: i + 1 < dated.length ? dated[i + 1]!.effective : Infinity,
  }));
}

/**
 * The version governing on `day`: the latest one effective on or before it. Before every
 * later version's effective date — including before dosing, or before the earliest version's
 * own effective date — that is the earliest version.
 */
function findGoverningVersion(stretches: readonly GoverningStretch[], day: DayNumber): TSchedulePlanVersion {
  let governing = stretches[0]!;
  for (let i = 1; i < stretches.length; i++) if (stretches[i]!.start <= day) governing = stretches[i]!;
  return governing.planVersion;
}

/**
 * A subject's visits, windows and statuses from the plan versions that apply to it
 * (SCHEDULE-CONTRACT.md). Pure: `asOf` is an input, never the clock; dates are day numbers,
 * so the result is the same under every time zone. Expects input parsed by ZScheduleInput.
 *
 * Amendments replace the future, never the past (CDE §2.3.2): a recorded visit always
 * appears, as recorded; any other visit of a version appears when its target date falls in
 * the stretch that version governs and its id was not recorded under another version.
 */
export function buildSchedule(input: TScheduleInput): Schedule {
  const dosing = toDayNumber(input.dosingDate);
  const dosingCivil = civilFromDayNumber(dosing);
  const asOf = toDayNumber(input.asOf);
  const stretches = listGoverningStretches(input.planVersions, dosing);

  // visit id → plan version → record: the ids recorded under other versions come with the lookup.
  const recordsById = new Map<string, Map<number, TVisitRecord>>();
  for (const record of input.records) {
    const byVersion = recordsById.get(record.visitId);
    if (byVersion) byVersion.set(record.planVersion, record);
    else recordsById.set(record.visitId, new Map([[record.planVersion, record]]));
  }

  const { subject } = input;
  const inactiveFrom = subject.status === "active" || subject.statusDate === undefined ? Infinity : toDayNumber(subject.statusDate);
  const visits: ScheduledVisit[] = [];

  for (const { planVersion, start, end } of stretches) {
    const version = planVersion.version;
    for (const visit of preparePlan(planVersion.plan)) {
      const target = addMonthsToCivil(dosingCivil.year, dosingCivil.month, dosingCivil.day, visit.offsetMonths);
      const recordsOfId = recordsById.get(visit.id);
      const record = recordsOfId?.get(version);
      // Not recorded under this version: shown only in its own stretch, and only if no other version recorded the id.
      if (!record && (target < start || target >= end || recordsOfId !== undefined)) continue;
      const windowStart = target - visit.windowDaysBefore;
      const windowEnd = target + visit.windowDaysAfter;
      const status: VisitStatus = computeVisitStatus({ target, windowStart, windowEnd, recordStatus: record?.status, inactiveFrom, asOf });
      const scheduled: ScheduledVisit = {
        visitId: visit.id,
        planVersion: version,
        offsetMonths: visit.offsetMonths,
        targetDate: formatCalendarDate(target),
        windowStart: formatCalendarDate(windowStart),
        windowEnd: formatCalendarDate(windowEnd),
        contactMode: visit.contactMode,
        // A copy: the prepared kinds are shared by every subject on this plan.
        activities: visit.activityKinds.slice(),
        status,
      };
      if (record) scheduled.recordedDate = record.date;
      visits.push(scheduled);
    }
  }

  // `YYYY-MM-DD` text sorts as the dates do (ZScheduleInput keeps years to four digits).
  // Code-unit order, not locale order: the same bytes everywhere. The version breaks the one
  // possible tie (the same id recorded under two versions, same target date).
  visits.sort((a, b) => compareText(a.targetDate, b.targetDate) || compareText(a.visitId, b.visitId) || a.planVersion - b.planVersion);

  const governing = findGoverningVersion(stretches, asOf);
  return {
    followUpEnd: formatCalendarDate(addMonthsToCivil(dosingCivil.year, dosingCivil.month, dosingCivil.day, governing.plan.durationMonths)),
    visits,
  };
}
