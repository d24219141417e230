import type { TriggerId } from "@/lib/rules/rule-set";
import type { VisitStatus } from "@/lib/schedule/build-schedule";
import { addMonths, civilFromDayNumber, formatCalendarDate, parseCalendarDate, type DayNumber } from "@/lib/schedule/calendar-date";
import type { TContactMode, TRequirementKind } from "@/lib/validation/plan";
import type { TScheduleSubject } from "@/lib/validation/schedule";
import { NEGATIVE_ENDS_INTEGRATION_MONITORING } from "@/lib/validation/safety";
import { listPersistenceResults, type SafetyDerivation, type SampleResultFacts } from "@/lib/safety/evaluate-triggers";

/**
 * The schedule events the safety rules add (CLINICAL-API-CONTRACT.md "Safety"; CDE §2.3.2,
 * §2.4.1): a confirmatory retest after a dominant clone, integration monitoring at most every
 * 3 months after clonal expansion or an oncogene site, yearly extension events while the
 * product persists past the planned period. Rows have the shape of lib/schedule's visits with
 * `planVersion: null`, their own `visitId`, `source` and `escalationId`.
 */
export type SafetyEventSource = "escalation" | "extension";

export interface SafetyEvent {
  visitId: string;
  planVersion: null;
  /** Whole calendar months from dosing to the target date (informative: these events are dated, not planned by month). */
  offsetMonths: number;
  targetDate: string;
  windowStart: string;
  windowEnd: string;
  contactMode: TContactMode;
  activities: TRequirementKind[];
  status: VisitStatus;
  recordedDate?: string;
  source: SafetyEventSource;
  escalationId: string | null;
}

/** An escalation as stored, with its id (the events name it). */
export interface EscalationFacts {
  id: string;
  trigger: TriggerId;
  openedDate: string;
  dueDate: string | null;
  status: "open" | "resolved";
  resolvedDate: string | null;
}

/** A recorded safety event (a visit record naming the event's `visitId`). */
export interface SafetyEventRecord {
  visitId: string;
  status: "completed" | "missed";
  date: string;
}

/** A visit already on the subject's schedule (lib/schedule output): only its date and activities matter here. */
export interface ScheduledActivityVisit {
  targetDate: string;
  activities: readonly string[];
}

export interface SafetyEventsInput {
  dosingDate: string;
  followUpEnd: string;
  asOf: string;
  subject: TScheduleSubject;
  derivation: SafetyDerivation;
  /** The subject's plan visits (buildSchedule's `visits`), any order. */
  planVisits: readonly ScheduledActivityVisit[];
  escalations: readonly EscalationFacts[];
  /** The subject's results, in the order they were saved. */
  results: readonly SampleResultFacts[];
  records: readonly SafetyEventRecord[];
}

export interface ExtensionState {
  active: boolean;
  since: string | null;
}

/** The longest gap between two integration-monitoring events while monitoring is shortened (CDE §2.4.1). */
export const SHORTENED_INTERVAL_MONTHS = 3;
/** Extension events: at least yearly contact with sampling (CDE §2.3.2 para 4). */
export const EXTENSION_INTERVAL_MONTHS = 12;
/** Events are generated this many months past the later of `asOf` and `followUpEnd`, so the next ones are always in view. */
export const HORIZON_MONTHS = 12;
/** Shortened-interval events: the window closes on the 3-month limit, so the limit holds; it opens 14 days earlier. */
const FILL_WINDOW_DAYS_BEFORE = 14;
/** Extension events are yearly: ±30 days, as suggested plans have for yearly visits. */
const EXTENSION_WINDOW_DAYS = 30;

const RETEST_ACTIVITIES: TRequirementKind[] = ["integration_monitoring"];
const FILL_ACTIVITIES: TRequirementKind[] = ["integration_monitoring"];
const EXTENSION_ACTIVITIES: TRequirementKind[] = ["persistence_sampling", "remote_contact"];

function day(text: string): DayNumber {
  const value = parseCalendarDate(text);
  if (value === null) throw new RangeError(`not a calendar date: ${text}`);
  return value;
}

function compact(date: DayNumber): string {
  return formatCalendarDate(date).replaceAll("-", "");
}

/** Whole calendar months from `from` to `to` (by the schedule's month rule). */
export function wholeMonthsBetween(from: DayNumber, to: DayNumber): number {
  const a = civilFromDayNumber(from);
  const b = civilFromDayNumber(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  while (months > 0 && addMonths(from, months) > to) months--;
  while (addMonths(from, months + 1) <= to) months++;
  return months;
}

/**
 * The stretches in which the subject is in extension (CDE §2.3.2 para 4): from `followUpEnd`
 * (or a later detected result, after a negative one) until the first later persistence or
 * vector-copy-number result with `detected: false`. Only when the derivation says
 * `extendUntilNoRisk` and lists `persistence_at_period_end`. `end` null: still running.
 */
export function listExtensionEpisodes(input: Pick<SafetyEventsInput, "derivation" | "followUpEnd" | "results" | "asOf">): Array<{ start: string; end: string | null }> {
  if (!input.derivation.extendUntilNoRisk || !input.derivation.triggers.some((trigger) => trigger.id === "persistence_at_period_end")) return [];
  if (input.asOf < input.followUpEnd) return [];
  const episodes: Array<{ start: string; end: string | null }> = [];
  let runStart: string | null = null;
  for (const result of listPersistenceResults(input.results, input.asOf)) {
    if (result.detected) {
      runStart ??= result.collectedDate;
      continue;
    }
    if (runStart !== null && result.collectedDate >= input.followUpEnd) {
      episodes.push({ start: runStart > input.followUpEnd ? runStart : input.followUpEnd, end: result.collectedDate });
    }
    runStart = null;
  }
  if (runStart !== null) episodes.push({ start: runStart > input.followUpEnd ? runStart : input.followUpEnd, end: null });
  return episodes;
}

/** `extension: { active, since }` of the subject resource, computed from the data at `asOf`. */
export function computeExtension(input: Pick<SafetyEventsInput, "derivation" | "followUpEnd" | "results" | "asOf">): ExtensionState {
  const last = listExtensionEpisodes(input).at(-1);
  return last && last.end === null ? { active: true, since: last.start } : { active: false, since: null };
}

/**
 * The fewest events strictly between `from` and `to` that leave no gap over 3 months, spaced
 * evenly in days (each gap checked with the calendar-month rule).
 */
function spaceEvenly(from: DayNumber, to: DayNumber): DayNumber[] {
  for (let count = 1; ; count++) {
    const points: DayNumber[] = [];
    for (let i = 1; i <= count; i++) points.push(from + Math.floor(((to - from) * i) / (count + 1)));
    const all = [from, ...points, to];
    if (all.every((point, i) => i === 0 || point <= addMonths(all[i - 1]!, SHORTENED_INTERVAL_MONTHS))) return points;
  }
}

function statusOf(target: DayNumber, windowStart: DayNumber, windowEnd: DayNumber, record: SafetyEventRecord | undefined, subject: TScheduleSubject, asOf: DayNumber): VisitStatus {
  if (record) return record.status;
  if (subject.status !== "active" && subject.statusDate !== undefined && target > day(subject.statusDate)) return "not_required";
  if (windowEnd < asOf) return "overdue";
  if (windowStart <= asOf) return "window_open";
  return "upcoming";
}

/**
 * The events the escalations and the extension add to the subject's schedule at `asOf`,
 * sorted like lib/schedule's visits (target date, then visit id).
 *
 * - `dominant_clone`: one retest event (`RT-YYYYMMDD`), window from the opened date to the due date.
 * - `clonal_expansion_or_oncogene_site`: from the opened date, an event (`IM-YYYYMMDD`) wherever
 *   the subject's integration-monitoring events (plan visits, retests, other escalations' events)
 *   would leave more than 3 months without one, until a later negative integration-site,
 *   clonality or persistence result, or the resolution.
 * - extension: yearly events (`EXT-M<months>`) after `followUpEnd` until a negative persistence
 *   or vector-copy-number result.
 * An event after the date its escalation or extension ended is dropped, unless it was recorded:
 * a recorded event always appears, as recorded.
 */
export function buildSafetyEvents(input: SafetyEventsInput): SafetyEvent[] {
  const dosing = day(input.dosingDate);
  const asOf = day(input.asOf);
  const followUpEnd = day(input.followUpEnd);
  const horizon = addMonths(Math.max(asOf, followUpEnd), HORIZON_MONTHS);
  const records = new Map(input.records.map((record) => [record.visitId, record]));
  const events = new Map<string, SafetyEvent>();

  const add = (visitId: string, target: DayNumber, windowStart: DayNumber, windowEnd: DayNumber, source: SafetyEventSource, escalationId: string | null, activities: TRequirementKind[], endsAfter: DayNumber | null) => {
    if (events.has(visitId)) return;
    const record = records.get(visitId);
    if (!record && endsAfter !== null && target > endsAfter) return;
    const event: SafetyEvent = {
      visitId,
      planVersion: null,
      offsetMonths: wholeMonthsBetween(dosing, target),
      targetDate: formatCalendarDate(target),
      windowStart: formatCalendarDate(windowStart),
      windowEnd: formatCalendarDate(windowEnd),
      contactMode: "clinic",
      activities: activities.slice(),
      status: statusOf(target, windowStart, windowEnd, record, input.subject, asOf),
      source,
      escalationId,
    };
    if (record) event.recordedDate = record.date;
    events.set(visitId, event);
  };

  const byOpened = [...input.escalations].sort((a, b) => (a.openedDate < b.openedDate ? -1 : a.openedDate > b.openedDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const resolvedOn = (escalation: EscalationFacts): DayNumber | null => (escalation.status === "resolved" && escalation.resolvedDate !== null ? day(escalation.resolvedDate) : null);

  for (const escalation of byOpened) {
    if (escalation.trigger !== "dominant_clone") continue;
    const opened = day(escalation.openedDate);
    const due = escalation.dueDate !== null ? day(escalation.dueDate) : addMonths(opened, SHORTENED_INTERVAL_MONTHS);
    add(`RT-${compact(due)}`, due, opened, due, "escalation", escalation.id, RETEST_ACTIVITIES, resolvedOn(escalation));
  }

  const integrationTargets = (): DayNumber[] => {
    const targets = input.planVisits.filter((visit) => visit.activities.includes("integration_monitoring")).map((visit) => day(visit.targetDate));
    for (const event of events.values()) if (event.activities.includes("integration_monitoring")) targets.push(day(event.targetDate));
    return targets.sort((a, b) => a - b);
  };

  for (const escalation of byOpened) {
    if (escalation.trigger !== "clonal_expansion_or_oncogene_site") continue;
    const opened = day(escalation.openedDate);
    let ends = resolvedOn(escalation);
    for (const result of input.results) {
      if (!result.detected && NEGATIVE_ENDS_INTEGRATION_MONITORING.has(result.kind) && result.collectedDate > escalation.openedDate && result.collectedDate <= input.asOf) {
        const negative = day(result.collectedDate);
        if (ends === null || negative < ends) ends = negative;
      }
    }
    // Filled to the horizon whatever the end, then cut: the events before the end are the same
    // whenever the end comes, so a recorded event keeps its id.
    const existing = integrationTargets();
    const addFill = (target: DayNumber) => add(`IM-${compact(target)}`, target, target - FILL_WINDOW_DAYS_BEFORE, target, "escalation", escalation.id, FILL_ACTIVITIES, ends);
    let cursor = opened;
    for (;;) {
      const limit = addMonths(cursor, SHORTENED_INTERVAL_MONTHS);
      if (limit > horizon) break;
      let reachable: DayNumber | null = null;
      for (const target of existing) if (target > cursor && target <= limit) reachable = target;
      if (reachable !== null) {
        cursor = reachable;
        continue;
      }
      // The next existing event is too far: space the fewest events evenly up to it (rather than
      // one on the limit and the plan's visit a day later); with none ahead, one on the limit.
      const ahead = existing.find((target) => target > limit);
      if (ahead === undefined || ahead > horizon) {
        addFill(limit);
        cursor = limit;
        continue;
      }
      for (const target of spaceEvenly(cursor, ahead)) addFill(target);
      cursor = ahead;
    }
  }

  const periodEnd = input.escalations.find((escalation) => escalation.trigger === "persistence_at_period_end");
  // Counted from dosing, like plan visits, so a leap-day dosing keeps its day (SCHEDULE-CONTRACT.md month rule).
  const periodMonths = wholeMonthsBetween(dosing, followUpEnd);
  for (const episode of listExtensionEpisodes(input)) {
    const start = day(episode.start);
    const ends = episode.end === null ? null : day(episode.end);
    for (let k = 1; ; k++) {
      const offset = periodMonths + k * EXTENSION_INTERVAL_MONTHS;
      const target = addMonths(dosing, offset);
      if (target > horizon) break;
      if (target <= start) continue;
      add(`EXT-M${offset}`, target, target - EXTENSION_WINDOW_DAYS, target + EXTENSION_WINDOW_DAYS, "extension", periodEnd?.id ?? null, EXTENSION_ACTIVITIES, ends);
    }
  }

  return [...events.values()].sort((a, b) => (a.targetDate < b.targetDate ? -1 : a.targetDate > b.targetDate ? 1 : a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0));
}

/** A schedule row of any source: plan visits carry `source: "plan"` and their version. */
export type ScheduleRow<PlanVisit extends { targetDate: string; visitId: string }> = (PlanVisit & { source: "plan"; escalationId: null }) | SafetyEvent;

/** Plan visits and safety events in one list, sorted by target date, then visit id. */
export function mergeSafetyEvents<PlanVisit extends { targetDate: string; visitId: string }>(planVisits: readonly PlanVisit[], events: readonly SafetyEvent[]): ScheduleRow<PlanVisit>[] {
  const rows: ScheduleRow<PlanVisit>[] = [...planVisits.map((visit) => ({ ...visit, source: "plan" as const, escalationId: null })), ...events];
  return rows.sort((a, b) => (a.targetDate < b.targetDate ? -1 : a.targetDate > b.targetDate ? 1 : a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0));
}
