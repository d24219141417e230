import { csvText, type CsvColumn } from "@/lib/exports/csv";
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
 */
export interface DsurInput {
  study: ExportStudy;
  period: { from: string; to: string };
  subjects: Iterable<Pick<ExportSubject, "dosingDate" | "status" | "statusDate">>;
  visitRecords: Iterable<Pick<ExportVisitRecord, "status" | "date" | "unscheduled">>;
  /**
   * Visits of the schedule with status `overdue` at `period.to` (window ended before it, no
   * record, subject still followed), counted by the caller: at 100,000 subjects the schedule's
   * rows are counted where they are stored, not carried here one by one.
   */
  overdueVisitsAtEnd: number;
  adverseEvents: Iterable<ExportAdverseEvent>;
  escalations: Iterable<Pick<ExportEscalation, "trigger" | "openedDate">>;
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
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildDsurReport(input: DsurInput): DsurReport {
  const { from, to } = input.period;
  const inPeriod = (date: string | null) => date !== null && date >= from && date <= to;

  const subjects = { inLtfu: 0, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 };
  for (const subject of input.subjects) {
    if (subject.dosingDate <= to && (subject.status === "active" || (subject.statusDate !== null && subject.statusDate >= from))) subjects.inLtfu += 1;
    if (inPeriod(subject.dosingDate)) subjects.enrolled += 1;
    if (subject.status !== "active" && inPeriod(subject.statusDate)) subjects[subject.status] += 1;
  }

  const visits = { completed: 0, missed: 0, unscheduled: 0, overdue: 0 };
  for (const record of input.visitRecords) {
    if (!inPeriod(record.date)) continue;
    if (record.unscheduled) visits.unscheduled += 1;
    else visits[record.status] += 1;
  }
  visits.overdue = input.overdueVisitsAtEnd;

  const byCategory = Object.fromEntries(AE_CATEGORIES.map((category) => [category, { total: 0, serious: 0 }])) as DsurReport["adverseEvents"]["byCategory"];
  const adverseEvents = { total: 0, serious: 0, byCategory };
  const malignancies: DsurMalignancy[] = [];
  for (const event of input.adverseEvents) {
    if (!inPeriod(event.onsetDate)) continue;
    adverseEvents.total += 1;
    byCategory[event.category].total += 1;
    if (event.serious) {
      adverseEvents.serious += 1;
      byCategory[event.category].serious += 1;
    }
    if (event.category === "malignancy") {
      const { subjectCode, siteCode, term, onsetDate, serious, grade, relatedness, outcome } = event;
      malignancies.push({ subjectCode, siteCode, term, onsetDate, serious, grade, relatedness, outcome });
    }
  }
  malignancies.sort((a, b) => compareText(a.onsetDate, b.onsetDate) || compareText(a.subjectCode, b.subjectCode) || compareText(a.term, b.term));

  const byTrigger = Object.fromEntries(TRIGGER_IDS.map((trigger) => [trigger, 0])) as Record<TriggerIdText, number>;
  let opened = 0;
  for (const escalation of input.escalations) {
    if (!inPeriod(escalation.openedDate)) continue;
    opened += 1;
    byTrigger[escalation.trigger] += 1;
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
    escalations: { opened, byTrigger },
    amendments: { plan, consent },
  };
}

/** One line of the DSUR as CSV: a long format that SAS and R read without reshaping. */
export interface DsurCsvRow {
  section: string;
  item: string;
  count: number | null;
  date: string | null;
  subjectCode: string | null;
  detail: string | null;
}

export const DSUR_CSV_COLUMNS: readonly CsvColumn<DsurCsvRow>[] = [
  { header: "section", value: (row) => row.section },
  { header: "item", value: (row) => row.item },
  { header: "count", value: (row) => row.count },
  { header: "date", value: (row) => row.date },
  { header: "subjectCode", value: (row) => row.subjectCode },
  { header: "detail", value: (row) => row.detail },
];

export function listDsurCsvRows(report: DsurReport): DsurCsvRow[] {
  const row = (section: string, item: string, fields: Partial<Omit<DsurCsvRow, "section" | "item">> = {}): DsurCsvRow => ({
    section,
    item,
    count: null,
    date: null,
    subjectCode: null,
    detail: null,
    ...fields,
  });
  return [
    row("study", report.study.code, { detail: report.study.name }),
    row("period", "from", { date: report.period.from }),
    row("period", "to", { date: report.period.to }),
    ...Object.entries(report.subjects).map(([item, count]) => row("subjects", item, { count })),
    ...Object.entries(report.visits).map(([item, count]) => row("visits", item, { count })),
    row("adverse_events", "total", { count: report.adverseEvents.total }),
    row("adverse_events", "serious", { count: report.adverseEvents.serious }),
    ...AE_CATEGORIES.map((category) => row("adverse_events_by_category", category, { count: report.adverseEvents.byCategory[category].total })),
    ...AE_CATEGORIES.map((category) => row("serious_adverse_events_by_category", category, { count: report.adverseEvents.byCategory[category].serious })),
    ...report.malignancies.map((m) =>
      row("malignancies", m.term, {
        date: m.onsetDate,
        subjectCode: m.subjectCode,
        detail: `site=${m.siteCode}; serious=${m.serious}; grade=${m.grade}; relatedness=${m.relatedness}; outcome=${m.outcome}`,
      }),
    ),
    row("escalations_opened", "total", { count: report.escalations.opened }),
    ...TRIGGER_IDS.map((trigger) => row("escalations_opened_by_trigger", trigger, { count: report.escalations.byTrigger[trigger] })),
    ...report.amendments.plan.map((a) => row("plan_amendments", `v${a.version}`, { date: a.effectiveDate, detail: a.reason })),
    ...report.amendments.consent.map((a) => row("consent_amendments", `v${a.version}`, { date: a.effectiveDate, detail: a.title })),
  ];
}

export function renderDsurCsv(report: DsurReport): Promise<string> {
  return csvText(listDsurCsvRows(report), DSUR_CSV_COLUMNS);
}
