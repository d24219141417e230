import type { ReactNode } from "react";
import type { DsurReport } from "@/lib/exports/dsur";
import { AE_CATEGORIES, TRIGGER_IDS } from "@/lib/exports/types";
import type { Translate } from "@/lib/i18n/translate";

const CUMULATIVE_SUBJECT_KEYS = ["enrolled", "completed", "withdrawn", "lost_to_follow_up", "died"] as const;
const VISIT_KEYS = ["completed", "missed", "unscheduled", "overdue"] as const;

/** A figure, or a dash where the row has no figure of that kind (period or cumulative). */
const figure = (value: number | null) => (value === null ? "—" : value);

type CountRow = [label: string, period: number | null, cumulative: number | null];

/** One row per key: its label, the period's figure and the cumulative one. */
function rowsOf<K extends string>(keys: readonly K[], label: (key: K) => string, period: Record<K, number>, cumulative: Record<K, number>): CountRow[] {
  return keys.map((key) => [label(key), period[key], cumulative[key]]);
}

/** Rows of figures: the period's and the cumulative one (start of follow-up to the period's end) side by side. */
function CountTable({ rows, to, t }: { rows: CountRow[]; to: string; t: Translate }) {
  return (
    <table className="dsur-table">
      <thead>
        <tr>
          <td />
          <th scope="col" className="text-right">
            {t("dsur.col.period")}
          </th>
          <th scope="col" className="text-right whitespace-nowrap">
            {t("dsur.col.cumulative", { to })}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, period, cumulative]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td className="text-right tabular-nums">{figure(period)}</td>
            <td className="text-right tabular-nums">{figure(cumulative)}</td>
          </tr>
        ))}
      </tbody>
      <caption className="sr-only">{t("dsur.col.count")}</caption>
    </table>
  );
}

/** One section of the report: a new A4 page in print (globals.css `.dsur-section`), headed by its title. */
function DsurSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="dsur-section card" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A section of counts, the period's and the cumulative side by side, with what follows them (a note, a listing). */
function CountSection({ id, title, rows, to, t, children }: { id: string; title: string; rows: CountRow[]; to: string; t: Translate; children?: ReactNode }) {
  return (
    <DsurSection id={id} title={title}>
      <CountTable rows={rows} to={to} t={t} />
      {children}
    </DsurSection>
  );
}

/**
 * The DSUR's LTFU section as printed: each section starts a new A4 page (globals.css `.dsur-section`),
 * and the study and period repeat at the top of every page (`.dsur-running-header`, fixed in print).
 */
export function DsurReportView({ report, t }: { report: DsurReport; t: Translate }) {
  const period = t("dsur.period", { from: report.period.from, to: report.period.to });
  const { cumulative } = report;
  const to = report.period.to;
  const subjectRows: CountRow[] = [
    [t("dsur.subjects.inLtfu"), report.subjects.inLtfu, null],
    [t("dsur.subjects.inLtfuAtEnd"), null, cumulative.subjects.inLtfuAtEnd],
    ...rowsOf(CUMULATIVE_SUBJECT_KEYS, (key) => t(`dsur.subjects.${key}`), report.subjects, cumulative.subjects),
  ];
  const escalationRows: CountRow[] = [
    ...rowsOf(TRIGGER_IDS, (trigger) => t(`trigger.${trigger}`), report.escalations.byTrigger, cumulative.escalations.byTrigger),
    [t("dsur.escalations.total"), report.escalations.opened, cumulative.escalations.opened],
  ];
  return (
    <article className="dsur flex flex-col gap-6" data-testid="dsur-report">
      <p className="dsur-running-header" aria-hidden="true">
        {report.study.code} · {report.study.name} · {period}
      </p>

      <CountSection id="dsur-subjects" title={t("dsur.section.subjects")} t={t} to={to} rows={subjectRows}>
        <p className="text-sm text-slate-600">{t("dsur.cumulativeNote")}</p>
      </CountSection>

      <CountSection id="dsur-visits" title={t("dsur.section.visits")} t={t} to={to} rows={rowsOf(VISIT_KEYS, (key) => t(`dsur.visits.${key}`), report.visits, cumulative.visits)} />

      <DsurSection id="dsur-aes" title={t("dsur.section.adverseEvents")}>
        <table className="dsur-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t("dsur.ae.category")}
              </th>
              <th scope="colgroup" colSpan={2} className="text-center">
                {t("dsur.ae.all")}
              </th>
              <th scope="colgroup" colSpan={2} className="text-center">
                {t("dsur.ae.serious")}
              </th>
            </tr>
            <tr>
              {[0, 1].map((group) => [
                <th key={`${group}-period`} scope="col" className="text-right">
                  {t("dsur.col.period")}
                </th>,
                <th key={`${group}-cumulative`} scope="col" className="text-right whitespace-nowrap">
                  {t("dsur.col.cumulative", { to })}
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {AE_CATEGORIES.map((category) => (
              <tr key={category}>
                <th scope="row">{t(`aeCategory.${category}`)}</th>
                <td className="text-right tabular-nums">{report.adverseEvents.byCategory[category].total}</td>
                <td className="text-right tabular-nums">{cumulative.adverseEvents.byCategory[category].total}</td>
                <td className="text-right tabular-nums">{report.adverseEvents.byCategory[category].serious}</td>
                <td className="text-right tabular-nums">{cumulative.adverseEvents.byCategory[category].serious}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("dsur.ae.total")}</th>
              <td className="text-right font-semibold tabular-nums">{report.adverseEvents.total}</td>
              <td className="text-right font-semibold tabular-nums">{cumulative.adverseEvents.total}</td>
              <td className="text-right font-semibold tabular-nums">{report.adverseEvents.serious}</td>
              <td className="text-right font-semibold tabular-nums">{cumulative.adverseEvents.serious}</td>
            </tr>
          </tbody>
        </table>
      </DsurSection>

      <CountSection id="dsur-malignancies" title={t("dsur.section.malignancies")} t={t} to={to} rows={[[t("dsur.malignancies.count"), report.malignancies.length, cumulative.malignancies]]}>
        {report.malignancies.length === 0 ? (
          <p className="text-sm">{t("dsur.malignancies.none")}</p>
        ) : (
          <table className="dsur-table">
            <thead>
              <tr>
                {(["subject", "site", "term", "onset", "serious", "grade", "relatedness", "outcome"] as const).map((column) => (
                  <th key={column} scope="col">
                    {t(`dsur.col.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.malignancies.map((m, index) => (
                <tr key={`${m.subjectCode}-${m.onsetDate}-${index}`}>
                  <td>{m.subjectCode}</td>
                  <td>{m.siteCode}</td>
                  <td>{m.term}</td>
                  <td>{m.onsetDate}</td>
                  <td>{m.serious ? t("dsur.yes") : t("dsur.no")}</td>
                  <td>{m.grade}</td>
                  <td>{t(`aeRelatedness.${m.relatedness}`)}</td>
                  <td>{t(`aeOutcome.${m.outcome}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </CountSection>

      <CountSection id="dsur-escalations" title={t("dsur.section.escalations")} t={t} to={to} rows={escalationRows} />

      <DsurSection id="dsur-amendments" title={t("dsur.section.amendments")}>
        {report.amendments.plan.length + report.amendments.consent.length === 0 ? (
          <p className="text-sm">{t("dsur.amendments.none")}</p>
        ) : (
          <table className="dsur-table">
            <thead>
              <tr>
                <th scope="col">{t("dsur.col.document")}</th>
                <th scope="col">{t("dsur.col.effective")}</th>
                <th scope="col">{t("dsur.col.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {report.amendments.plan.map((a) => (
                <tr key={`plan-${a.version}`}>
                  <td>{t("dsur.amendments.plan", { version: a.version })}</td>
                  <td>{a.effectiveDate}</td>
                  <td>{a.reason ?? ""}</td>
                </tr>
              ))}
              {report.amendments.consent.map((a) => (
                <tr key={`consent-${a.version}`}>
                  <td>{t("dsur.amendments.consent", { version: a.version })}</td>
                  <td>{a.effectiveDate}</td>
                  <td>{a.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DsurSection>
    </article>
  );
}
