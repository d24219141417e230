import { RecordQueries, type QueryContext } from "@/components/monitoring/record-queries";
import { PersistenceTrend, type TrendPoint } from "@/components/safety/persistence-trend";
import { AdverseEventForm, ResolveEscalationForm, SampleResultForm, UpdateAdverseEventForm, type VisitChoice } from "@/components/safety/safety-forms";
import type { SafetyActions } from "@/components/safety/action-props";
import { StatusBadge } from "@/components/subjects/status-badge";
import type { AdverseEventRow, EscalationRow, SampleResultRow } from "@/lib/db/safety";
import { formatEscalationAction, formatEscalationTrigger } from "@/lib/i18n/escalation";
import { sampleTypeLabel } from "@/lib/i18n/sample-type";
import type { Translate } from "@/lib/i18n/translate";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { PERSISTENCE_RESULT_KINDS } from "@/lib/validation/safety";

/** One adverse event or sample result as a row of the subject's timeline, at its date. */
export interface SafetyTimelineItem {
  key: string;
  date: string;
  kind: "adverse_event" | "sample_result";
  label: string;
  detail: string;
  flag: "overdue" | "completed" | "upcoming" | null;
}

/** The subject's AEs (by onset) and results (by collection) as timeline rows, in the reader's language. */
export function listSafetyTimelineItems(adverseEvents: AdverseEventRow[], results: SampleResultRow[], t: Translate): SafetyTimelineItem[] {
  const items: SafetyTimelineItem[] = [
    ...adverseEvents.map((ae) => ({
      key: `ae-${ae.id}`,
      date: calendarDateFromDb(ae.onsetDate),
      kind: "adverse_event" as const,
      label: `${t("safety.adverseEvents.title")}: ${ae.term}`,
      detail: `${t(`aeCategory.${ae.category as "other"}`)} · G${ae.grade}${ae.serious ? ` · ${t("safety.ae.serious")}` : ""} · ${t(`aeRelatedness.${ae.relatedness as "possible"}`)}`,
      flag: ae.serious ? ("overdue" as const) : null,
    })),
    ...results.map((r) => ({
      key: `result-${r.id}`,
      date: calendarDateFromDb(r.collectedDate),
      kind: "sample_result" as const,
      label: `${t(`sampleKind.${r.kind as "persistence"}`)}`,
      detail: [r.detected ? t("safety.result.detected") : t("safety.result.notDetected"), r.value !== null ? `${r.value}${r.unit ? ` ${r.unit}` : ""}` : null, r.dominantClone ? t("safety.result.dominantClone") : null, r.clonalExpansion ? t("safety.result.clonalExpansion") : null, r.nearOncogene ? t("safety.result.nearOncogene") : null]
        .filter(Boolean)
        .join(" · "),
      flag: r.dominantClone || r.clonalExpansion || r.nearOncogene ? ("overdue" as const) : null,
    })),
  ];
  return items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : 1));
}

function EscalationList({ escalations, subjectId, canResolve, today, actions, t }: { escalations: EscalationRow[]; subjectId: string; canResolve: boolean; today: string; actions: SafetyActions; t: Translate }) {
  if (escalations.length === 0) return <p className="text-sm text-slate-600">{t("safety.escalations.none")}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="escalations">
      {escalations.map((e) => {
        const due = e.dueDate ? calendarDateFromDb(e.dueDate) : null;
        const overdue = e.status === "open" && due !== null && due < today;
        return (
          <li key={e.id} className={`rounded border p-3 ${e.status === "open" ? "border-red-300 bg-red-50" : "border-slate-200"}`} data-testid="escalation" data-trigger={e.trigger} data-status={e.status}>
            <div className="flex flex-wrap items-center gap-2">
              <StatusBadge status={e.status === "open" ? (overdue ? "overdue" : "window_open") : "completed"} label={overdue ? t("safety.escalations.overdue") : t(`escalationStatus.${e.status as "open"}`)} />
              <strong>{formatEscalationTrigger(e.trigger, t)}</strong>
            </div>
            <p className="mt-1 text-sm" data-testid="escalation-action">
              {formatEscalationAction(e, t)}
            </p>
            <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm sm:grid-cols-4">
              <dt className="text-slate-600">{t("safety.escalations.opened")}</dt>
              <dd>{calendarDateFromDb(e.openedDate)}</dd>
              <dt className="text-slate-600">{t("safety.escalations.due")}</dt>
              <dd data-testid="escalation-due">{due ?? t("safety.escalations.noDeadline")}</dd>
            </dl>
            {e.status === "resolved" ? (
              <p className="mt-1 text-sm text-slate-700">
                {t("safety.escalations.resolvedOn", { date: e.resolvedDate ? calendarDateFromDb(e.resolvedDate) : "" })} — {t("safety.escalations.note")}: {e.note}
              </p>
            ) : canResolve ? (
              <div className="mt-2">
                <ResolveEscalationForm subjectId={subjectId} escalationId={e.id} action={actions.resolveEscalation} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The safety part of the subject page: escalations with action, clause and deadline; the
 * persistence / vector-copy-number trend; adverse events and sample results with their forms
 * for an investigator of the site.
 */
export function SubjectSafety(props: {
  subjectId: string;
  dosingDate: string;
  followUpEnd: string | null;
  today: string;
  adverseEvents: AdverseEventRow[];
  results: SampleResultRow[];
  escalations: EscalationRow[];
  canRecord: boolean;
  visits: VisitChoice[];
  /** The safety server actions, passed in by the page. */
  actions: SafetyActions;
  /** The subject's queries (loaded once by the page): each AE and result row shows its own, with their age. */
  queries?: QueryContext;
  t: Translate;
}) {
  const { t, queries } = props;
  const trend: TrendPoint[] = props.results
    .filter((r) => PERSISTENCE_RESULT_KINDS.has(r.kind as "persistence"))
    .map((r) => ({ id: r.id, kind: r.kind as TrendPoint["kind"], collectedDate: calendarDateFromDb(r.collectedDate), detected: r.detected, value: r.value, unit: r.unit }));
  return (
    <>
      <section className="card flex flex-col gap-3" aria-labelledby="escalations-heading">
        <h2 id="escalations-heading" className="text-lg font-semibold">
          {t("safety.escalations.title")}
        </h2>
        <EscalationList escalations={props.escalations} subjectId={props.subjectId} canResolve={props.canRecord} today={props.today} actions={props.actions} t={t} />
      </section>
      <section className="card flex flex-col gap-3" aria-labelledby="trend-heading">
        <h2 id="trend-heading" className="text-lg font-semibold">
          {t("safety.trend.title")}
        </h2>
        <PersistenceTrend points={trend} dosingDate={props.dosingDate} followUpEnd={props.followUpEnd} today={props.today} t={t} />
      </section>
      <section className="card flex flex-col gap-3" aria-labelledby="results-heading">
        <h2 id="results-heading" className="text-lg font-semibold">
          {t("safety.results.title")}
        </h2>
        {props.results.length === 0 ? (
          <p className="text-sm text-slate-600">{t("safety.results.none")}</p>
        ) : (
          <table className="table" data-testid="sample-results">
            <thead>
              <tr>
                <th>{t("safety.result.collectedDate")}</th>
                <th>{t("safety.result.kind")}</th>
                <th>{t("safety.result.sampleType")}</th>
                <th>{t("safety.result.detected")}</th>
                <th>{t("safety.result.value")}</th>
                <th>{t("safety.result.largestClonePercent")}</th>
                {queries ? <th>{t("queries.title")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.results.map((r) => (
                <tr key={r.id} data-testid="sample-result-row">
                  <td>{calendarDateFromDb(r.collectedDate)}</td>
                  <td>{t(`sampleKind.${r.kind as "persistence"}`)}</td>
                  <td>
                    {sampleTypeLabel(t, r.sampleType)}
                    {r.surrogate ? ` (${t("safety.result.surrogate")})` : ""}
                  </td>
                  <td>{r.detected ? t("safety.result.detected") : t("safety.result.notDetected")}</td>
                  <td>{r.value !== null ? `${r.value}${r.unit ? ` ${r.unit}` : ""}` : "—"}</td>
                  <td>{r.largestClonePercent ?? "—"}</td>
                  {queries ? (
                    <td>
                      <RecordQueries context={queries} target={{ type: "sample_result", id: r.id, label: `${t(`sampleKind.${r.kind as "persistence"}`)} (${calendarDateFromDb(r.collectedDate)})` }} variant="cell" t={t} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.canRecord ? (
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold">{t("safety.results.record")}</summary>
            <div className="mt-3">
              <SampleResultForm subjectId={props.subjectId} today={props.today} visits={props.visits} action={props.actions.recordSampleResult} />
            </div>
          </details>
        ) : null}
      </section>
      <section className="card flex flex-col gap-3" aria-labelledby="aes-heading">
        <h2 id="aes-heading" className="text-lg font-semibold">
          {t("safety.adverseEvents.title")}
        </h2>
        {props.adverseEvents.length === 0 ? (
          <p className="text-sm text-slate-600">{t("safety.adverseEvents.none")}</p>
        ) : (
          <table className="table" data-testid="adverse-events">
            <thead>
              <tr>
                <th>{t("safety.ae.onsetDate")}</th>
                <th>{t("safety.ae.term")}</th>
                <th>{t("safety.ae.category")}</th>
                <th>{t("safety.ae.grade")}</th>
                <th>{t("safety.ae.serious")}</th>
                <th>{t("safety.ae.relatedness")}</th>
                <th>{t("safety.ae.outcome")}</th>
                {queries ? <th>{t("queries.title")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {props.adverseEvents.map((ae) => (
                <tr key={ae.id} data-testid="adverse-event-row">
                  <td>{calendarDateFromDb(ae.onsetDate)}</td>
                  <td>
                    {ae.term}
                    {ae.possibleRcl ? ` · ${t("safety.ae.possibleRcl")}` : ""}
                  </td>
                  <td>{t(`aeCategory.${ae.category as "other"}`)}</td>
                  <td>{ae.grade}</td>
                  <td>{ae.serious ? ae.seriousnessCriteria.map((c) => t(`seriousness.${c as "death"}`)).join(", ") : "—"}</td>
                  <td>{t(`aeRelatedness.${ae.relatedness as "possible"}`)}</td>
                  <td>
                    {t(`aeOutcome.${ae.outcome as "unknown"}`)}
                    {props.canRecord ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-xs text-blue-700">{t("safety.adverseEvents.update")}</summary>
                        <div className="mt-2 min-w-80">
                          <UpdateAdverseEventForm subjectId={props.subjectId} adverseEventId={ae.id} version={ae.version} grade={ae.grade} relatedness={ae.relatedness as "possible"} outcome={ae.outcome as "unknown"} action={props.actions.updateAdverseEvent} />
                        </div>
                      </details>
                    ) : null}
                  </td>
                  {queries ? (
                    <td>
                      <RecordQueries context={queries} target={{ type: "adverse_event", id: ae.id, label: `${ae.term} (${calendarDateFromDb(ae.onsetDate)})` }} variant="cell" t={t} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {props.canRecord ? (
          <details className="mt-2">
            <summary className="cursor-pointer font-semibold">{t("safety.adverseEvents.record")}</summary>
            <div className="mt-3">
              <AdverseEventForm subjectId={props.subjectId} today={props.today} visits={props.visits} action={props.actions.recordAdverseEvent} />
            </div>
          </details>
        ) : null}
      </section>
    </>
  );
}
