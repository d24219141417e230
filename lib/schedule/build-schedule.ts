import { addMonths, formatCalendarDate, parseCalendarDate, type DayNumber } from "@/lib/schedule/calendar-date";
import type { TContactMode, TPlan, TRequirementKind } from "@/lib/validation/plan";
import type { TScheduleInput } from "@/lib/validation/schedule";

export type VisitStatus = "completed" | "missed" | "not_required" | "overdue" | "window_open" | "upcoming";

/** One visit of SCHEDULE-CONTRACT.md's output. `recordedDate` only on recorded visits. */
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
  activities: TRequirementKind[];
}

// Plans are shared by every subject of a study: their per-visit data (sorted activity kinds)
// is computed once per plan object.
const preparedPlans = new WeakMap<TPlan, PreparedVisit[]>();

function preparePlan(plan: TPlan): PreparedVisit[] {
  let prepared = preparedPlans.get(plan);
  if (!prepared) {
    prepared = plan.visits.map((v) => ({
      id: v.id,
      offsetMonths: v.offsetMonths,
      windowDaysBefore: v.windowDaysBefore,
      windowDaysAfter: v.windowDaysAfter,
      contactMode: v.contactMode,
      activities: [...new Set(v.activities.map((a) => a.kind))].sort(),
    }));
    preparedPlans.set(plan, prepared);
  }
  return prepared;
}

function day(text: string): DayNumber {
  const value = parseCalendarDate(text);
  if (value === null) throw new RangeError(`not a calendar date: ${text}`);
  return value;
}

/**
 * A subject's visits, windows and statuses from the plan versions that apply to it
 * (SCHEDULE-CONTRACT.md). Pure: `asOf` is an input, never the clock; dates are calendar
 * dates, so the result is the same under every time zone.
 *
 * Amendments replace the future, never the past: a recorded visit always appears as
 * recorded; any other visit of a version appears when its target date falls in the stretch
 * that version governs and its id was not recorded under another version.
 */
export function buildSchedule(input: TScheduleInput): Schedule {
  const dosing = day(input.dosingDate);
  const asOf = day(input.asOf);
  const versions = [...input.planVersions].sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0));
  const starts = versions.map((v, i) => (i === 0 ? -Infinity : day(v.effectiveDate)));

  const recordByKey = new Map<string, TScheduleInput["records"][number]>();
  const recordedVersionsById = new Map<string, Set<number>>();
  for (const record of input.records) {
    recordByKey.set(`${record.visitId}\u0000${record.planVersion}`, record);
    let set = recordedVersionsById.get(record.visitId);
    if (!set) recordedVersionsById.set(record.visitId, (set = new Set()));
    set.add(record.planVersion);
  }

  const inactiveFrom = input.subject.status === "active" || !input.subject.statusDate ? Infinity : day(input.subject.statusDate);
  const rows: { target: DayNumber; visit: ScheduledVisit }[] = [];

  versions.forEach((version, index) => {
    const start = starts[index]!;
    const end = index + 1 < versions.length ? starts[index + 1]! : Infinity;
    for (const visit of preparePlan(version.plan)) {
      const record = recordByKey.get(`${visit.id}\u0000${version.version}`);
      const target = addMonths(dosing, visit.offsetMonths);
      if (!record) {
        if (target < start || target >= end) continue;
        const recordedElsewhere = recordedVersionsById.get(visit.id);
        if (recordedElsewhere && !recordedElsewhere.has(version.version)) continue;
      }
      const windowStart = target - visit.windowDaysBefore;
      const windowEnd = target + visit.windowDaysAfter;
      let status: VisitStatus;
      if (record) status = record.status;
      else if (target > inactiveFrom) status = "not_required";
      else if (windowEnd < asOf) status = "overdue";
      else if (windowStart <= asOf) status = "window_open";
      else status = "upcoming";
      const scheduled: ScheduledVisit = {
        visitId: visit.id,
        planVersion: version.version,
        offsetMonths: visit.offsetMonths,
        targetDate: formatCalendarDate(target),
        windowStart: formatCalendarDate(windowStart),
        windowEnd: formatCalendarDate(windowEnd),
        contactMode: visit.contactMode,
        activities: visit.activities,
        status,
      };
      if (record) scheduled.recordedDate = record.date;
      rows.push({ target, visit: scheduled });
    }
  });

  rows.sort((a, b) => a.target - b.target || (a.visit.visitId < b.visit.visitId ? -1 : a.visit.visitId > b.visit.visitId ? 1 : 0) || a.visit.planVersion - b.visit.planVersion);

  let governing = 0;
  for (let i = 1; i < versions.length; i++) if (starts[i]! <= asOf) governing = i;
  const followUpEnd = formatCalendarDate(addMonths(dosing, versions[governing]!.plan.durationMonths));
  return { followUpEnd, visits: rows.map((r) => ({ ...r.visit, activities: [...r.visit.activities] })) };
}
