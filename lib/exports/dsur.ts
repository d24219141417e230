import { csvText, keyColumns, type CsvColumn } from "@/lib/exports/csv";
import {
  AE_CATEGORIES,
  TRIGGER_IDS,
  type AdverseEventCategory,
  type ExportAdverseEvent,
  type ExportConsentVersion,
  type ExportEscalation,
  type ExportPlanVersion,
  type ExportStudy,
  type ExportSubject,
  type ExportVisitRecord,
  type TriggerIdText,
} from "@/lib/exports/types";

/**
 * The LTFU section of a DSUR (CDE §2.3.2: the period's long-term follow-up results) as a pure
 * aggregation of typed rows. Every count is over the rows given: the caller scopes them.
 *
 * Definitions (a period is [from, to], both days included):
 * - subjects.inLtfu: dosed on or before `to` and still followed at some day of the period
 *   (status `active`, or a status date on or after `from`);
 * - subjects.enrolled: dosing date (day 0 of follow-up) in the period;
 * - subjects.completed / withdrawn / lost_to_follow_up / died: that status, dated in the period;
 * - visits.completed / missed / unscheduled: visit records dated in the period (unscheduled
 *   visits counted apart, not as completed);
 * - visits.overdue: visits of the schedule computed at `to` with status `overdue` (window
 *   ended before `to` with no record, subject still followed): the backlog at the period's end;
 * - adverse events and malignancies: onset in the period; escalations: opened in the period;
 * - amendments: plan and consent versions after the first, effective in the period.
 *
 * `cumulative` states the same figures from the start of follow-up to the period's end (dates on
 * or before `to`), as a DSUR states period and cumulative figures side by side:
 * - cumulative.subjects.inLtfuAtEnd: dosed on or before `to` and still followed at `to` (status
 *   `active`, or a status dated after `to`); enrolled: dosed on or before `to`; completed /
 *   withdrawn / lost_to_follow_up / died: that status dated on or before `to`;
 * - cumulative.visits.overdue is the backlog at `to`, the same number as visits.overdue;
 * - cumulative.malignancies: malignancies with onset on or before `to` (a count; the period's
 *   are listed in `malignancies`).
 *
 * Rows may carry a `count` (default 1): the service passes rows grouped by the fields counted
 * here, so 100,000 subjects' visits arrive as one row per date and status, not one per visit.
 */
export type Counted<Row> = Row & { count?: number };

export interface DsurInput {
  study: ExportStudy;
  period: { from: string; to: string };
  /** Subjects dosed on or before `period.to` (later ones are ignored). */
  subjects: Iterable<Counted<Pick<ExportSubject, "dosingDate" | "status" | "statusDate">>>;
  /** Visit records dated on or before `period.to` (later ones are ignored). */
  visitRecords: Iterable<Counted<Pick<ExportVisitRecord, "status" | "date" | "unscheduled">>>;
  /**
   * Visits of the schedule with status `overdue` at `period.to` (window ended before it, no
   * record, subject still followed), counted by the caller: at 100,000 subjects the schedule's
   * rows are counted where they are stored, not carried here one by one.
   */
  overdueVisitsAtEnd: number;
  /** Adverse events with onset on or before `period.to`, for the counts (later ones are ignored). */
  adverseEvents: Iterable<Counted<Pick<ExportAdverseEvent, "onsetDate" | "category" | "serious">>>;
  /** The malignancies to list: those with onset in the period are listed (others are ignored). */
  malignancies: Iterable<ExportAdverseEvent>;
  /** Escalations opened on or before `period.to` (later ones are ignored). */
  escalations: Iterable<Counted<Pick<ExportEscalation, "trigger" | "openedDate">>>;
  planVersions: readonly Pick<ExportPlanVersion, "version" | "effectiveDate" | "amendmentReason">[];
  consentVersions: readonly ExportConsentVersion[];
}

export interface DsurMalignancy {
  subjectCode: string;
  siteCode: string;
  term: string;
  onsetDate: string;
  serious: boolean;
  grade: number;
  relatedness: ExportAdverseEvent["relatedness"];
  outcome: ExportAdverseEvent["outcome"];
}

export interface DsurReport {
  study: ExportStudy;
  period: { from: string; to: string };
  subjects: { inLtfu: number; enrolled: number; completed: number; withdrawn: number; lost_to_follow_up: number; died: number };
  visits: { completed: number; missed: number; unscheduled: number; overdue: number };
  adverseEvents: { total: number; serious: number; byCategory: Record<AdverseEventCategory, { total: number; serious: number }> };
  malignancies: DsurMalignancy[];
  escalations: { opened: number; byTrigger: Record<TriggerIdText, number> };
  amendments: {
    plan: { version: number; effectiveDate: string; reason: string | null }[];
    consent: { version: number; effectiveDate: string; title: string }[];
  };
  /** From the start of follow-up to the period's end (added after the period fields; they keep their names). */
  cumulative: DsurCumulative;
}

export interface DsurCumulative {
  subjects: { inLtfuAtEnd: number; enrolled: number; completed: number; withdrawn: number; lost_to_follow_up: number; died: number };
  visits: { completed: number; missed: number; unscheduled: number; overdue: number };
  adverseEvents: { total: number; serious: number; byCategory: Record<AdverseEventCategory, { total: number; serious: number }> };
  malignancies: number;
  escalations: { opened: number; byTrigger: Record<TriggerIdText, number> };
}

const emptyCategories = () => Object.fromEntries(AE_CATEGORIES.map((category) => [category, { total: 0, serious: 0 }])) as Record<AdverseEventCategory, { total: number; serious: number }>;
const emptyTriggers = () => Object.fromEntries(TRIGGER_IDS.map((trigger) => [trigger, 0])) as Record<TriggerIdText, number>;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildDsurReport(input: DsurInput): DsurReport {
  const { from, to } = input.period;
  const inPeriod = (date: string | null) => date !== null && date >= from && date <= to;
  const toEnd = (date: string | null) => date !== null && date <= to;

  const subjects = { inLtfu: 0, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 };
  const cumulativeSubjects = { inLtfuAtEnd: 0, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 };
  for (const subject of input.subjects) {
    if (subject.dosingDate > to) continue;
    const n = subject.count ?? 1;
    if (subject.status === "active" || (subject.statusDate !== null && subject.statusDate >= from)) subjects.inLtfu += n;
    if (subject.status === "active" || (subject.statusDate !== null && subject.statusDate > to)) cumulativeSubjects.inLtfuAtEnd += n;
    if (inPeriod(subject.dosingDate)) subjects.enrolled += n;
    cumulativeSubjects.enrolled += n;
    if (subject.status !== "active" && inPeriod(subject.statusDate)) subjects[subject.status] += n;
    if (subject.status !== "active" && toEnd(subject.statusDate)) cumulativeSubjects[subject.status] += n;
  }

  const visits = { completed: 0, missed: 0, unscheduled: 0, overdue: 0 };
  const cumulativeVisits = { completed: 0, missed: 0, unscheduled: 0, overdue: 0 };
  for (const record of input.visitRecords) {
    if (!toEnd(record.date)) continue;
    const n = record.count ?? 1;
    const key = record.unscheduled ? "unscheduled" : record.status;
    cumulativeVisits[key] += n;
    if (inPeriod(record.date)) visits[key] += n;
  }
  visits.overdue = input.overdueVisitsAtEnd;
  cumulativeVisits.overdue = input.overdueVisitsAtEnd;

  const adverseEvents = { total: 0, serious: 0, byCategory: emptyCategories() };
  const cumulativeAdverseEvents = { total: 0, serious: 0, byCategory: emptyCategories() };
  const countEvent = (counts: typeof adverseEvents, event: Pick<ExportAdverseEvent, "category" | "serious">, n: number) => {
    counts.total += n;
    counts.byCategory[event.category].total += n;
    if (event.serious) {
      counts.serious += n;
      counts.byCategory[event.category].serious += n;
    }
  };
  for (const event of input.adverseEvents) {
    if (!toEnd(event.onsetDate)) continue;
    const n = event.count ?? 1;
    countEvent(cumulativeAdverseEvents, event, n);
    if (inPeriod(event.onsetDate)) countEvent(adverseEvents, event, n);
  }
  const malignancies: DsurMalignancy[] = [];
  for (const event of input.malignancies) {
    if (event.category !== "malignancy" || !inPeriod(event.onsetDate)) continue;
    const { subjectCode, siteCode, term, onsetDate, serious, grade, relatedness, outcome } = event;
    malignancies.push({ subjectCode, siteCode, term, onsetDate, serious, grade, relatedness, outcome });
  }
  malignancies.sort((a, b) => compareText(a.onsetDate, b.onsetDate) || compareText(a.subjectCode, b.subjectCode) || compareText(a.term, b.term));

  const escalations = { opened: 0, byTrigger: emptyTriggers() };
  const cumulativeEscalations = { opened: 0, byTrigger: emptyTriggers() };
  for (const escalation of input.escalations) {
    if (!toEnd(escalation.openedDate)) continue;
    const n = escalation.count ?? 1;
    cumulativeEscalations.opened += n;
    cumulativeEscalations.byTrigger[escalation.trigger] += n;
    if (inPeriod(escalation.openedDate)) {
      escalations.opened += n;
      escalations.byTrigger[escalation.trigger] += n;
    }
  }

  const laterVersions = <V extends { version: number }>(versions: readonly V[]) => {
    const first = Math.min(...versions.map((v) => v.version));
    return versions.filter((v) => v.version !== first);
  };
  const plan = laterVersions(input.planVersions)
    .filter((v) => inPeriod(v.effectiveDate))
    .sort((a, b) => compareText(a.effectiveDate, b.effectiveDate) || a.version - b.version)
    .map((v) => ({ version: v.version, effectiveDate: v.effectiveDate, reason: v.amendmentReason }));
  const consent = laterVersions(input.consentVersions)
    .filter((v) => inPeriod(v.effectiveDate))
    .sort((a, b) => compareText(a.effectiveDate, b.effectiveDate) || a.version - b.version)
    .map((v) => ({ version: v.version, effectiveDate: v.effectiveDate, title: v.title }));

  return {
    study: input.study,
    period: { from, to },
    subjects,
    visits,
    adverseEvents,
    malignancies,
    escalations,
    amendments: { plan, consent },
    cumulative: {
      subjects: cumulativeSubjects,
      visits: cumulativeVisits,
      adverseEvents: cumulativeAdverseEvents,
      malignancies: cumulativeAdverseEvents.byCategory.malignancy.total,
      escalations: cumulativeEscalations,
    },
  };
}

/**
 * One line of the DSUR as CSV: a long format that SAS and R read without reshaping. `count` is
 * the period's figure, `cumulative` (the last column, added after the others so that readers by
 * position keep working) the figure from the start of follow-up to the period's end. A figure at
 * the period's end (visits overdue) is the same in both; `inLtfuAtEnd` has only a cumulative
 * figure, `inLtfu` (followed at some day of the period) only a period one.
 */
export interface DsurCsvRow {
  section: string;
  item: string;
  count: number | null;
  date: string | null;
  subjectCode: string | null;
  detail: string | null;
  cumulative: number | null;
}

export const DSUR_CSV_COLUMNS: readonly CsvColumn<DsurCsvRow>[] = keyColumns<DsurCsvRow>("section", "item", "count", "date", "subjectCode", "detail", "cumulative");

export function listDsurCsvRows(report: DsurReport): DsurCsvRow[] {
  const row = (section: string, item: string, fields: Partial<Omit<DsurCsvRow, "section" | "item">> = {}): DsurCsvRow => ({
    section,
    item,
    count: null,
    date: null,
    subjectCode: null,
    detail: null,
    cumulative: null,
    ...fields,
  });
  const { cumulative } = report;
  return [
    row("study", report.study.code, { detail: report.study.name }),
    row("period", "from", { date: report.period.from }),
    row("period", "to", { date: report.period.to }),
    ...Object.entries(report.subjects).map(([item, count]) => row("subjects", item, { count, cumulative: item === "inLtfu" ? null : cumulative.subjects[item as keyof DsurCumulative["subjects"]] })),
    row("subjects", "inLtfuAtEnd", { cumulative: cumulative.subjects.inLtfuAtEnd }),
    ...Object.entries(report.visits).map(([item, count]) => row("visits", item, { count, cumulative: cumulative.visits[item as keyof DsurCumulative["visits"]] })),
    row("adverse_events", "total", { count: report.adverseEvents.total, cumulative: cumulative.adverseEvents.total }),
    row("adverse_events", "serious", { count: report.adverseEvents.serious, cumulative: cumulative.adverseEvents.serious }),
    ...AE_CATEGORIES.map((category) => row("adverse_events_by_category", category, { count: report.adverseEvents.byCategory[category].total, cumulative: cumulative.adverseEvents.byCategory[category].total })),
    ...AE_CATEGORIES.map((category) => row("serious_adverse_events_by_category", category, { count: report.adverseEvents.byCategory[category].serious, cumulative: cumulative.adverseEvents.byCategory[category].serious })),
    row("malignancies_count", "total", { count: report.malignancies.length, cumulative: cumulative.malignancies }),
    ...report.malignancies.map((m) =>
      row("malignancies", m.term, {
        date: m.onsetDate,
        subjectCode: m.subjectCode,
        detail: `site=${m.siteCode}; serious=${m.serious}; grade=${m.grade}; relatedness=${m.relatedness}; outcome=${m.outcome}`,
      }),
    ),
    row("escalations_opened", "total", { count: report.escalations.opened, cumulative: cumulative.escalations.opened }),
    ...TRIGGER_IDS.map((trigger) => row("escalations_opened_by_trigger", trigger, { count: report.escalations.byTrigger[trigger], cumulative: cumulative.escalations.byTrigger[trigger] })),
    ...report.amendments.plan.map((a) => row("plan_amendments", `v${a.version}`, { date: a.effectiveDate, detail: a.reason })),
    ...report.amendments.consent.map((a) => row("consent_amendments", `v${a.version}`, { date: a.effectiveDate, detail: a.title })),
  ];
}

export function renderDsurCsv(report: DsurReport): Promise<string> {
  return csvText(listDsurCsvRows(report), DSUR_CSV_COLUMNS);
}
