import type { DsurReport } from "@/lib/exports/dsur";
import { AE_CATEGORIES, TRIGGER_IDS } from "@/lib/exports/types";
import type { Translate } from "@/lib/i18n/translate";

const CUMULATIVE_SUBJECT_KEYS = ["enrolled", "completed", "withdrawn", "lost_to_follow_up", "died"] as const;
const VISIT_KEYS = ["completed", "missed", "unscheduled", "overdue"] as const;

/** A figure, or a dash where the row has no figure of that kind (period or cumulative). */
const figure = (value: number | null) => (value === null ? "—" : value);

/** Rows of figures: the period's and the cumulative one (start of follow-up to the period's end) side by side. */
function CountTable({ rows, to, t }: { rows: [string, number | null, number | null][]; to: string; t: Translate }) {
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

/**
 * The DSUR's LTFU section as printed: each section starts a new A4 page (globals.css `.dsur-section`),
 * and the study and period repeat at the top of every page (`.dsur-running-header`, fixed in print).
 */
export function DsurReportView({ report, t }: { report: DsurReport; t: Translate }) {
  const period = t("dsur.period", { from: report.period.from, to: report.period.to });
  const { cumulative } = report;
  const to = report.period.to;
  return (
    <article className="dsur flex flex-col gap-6" data-testid="dsur-report">
      <p className="dsur-running-header" aria-hidden="true">
        {report.study.code} · {report.study.name} · {period}
      </p>

      <section className="dsur-section card" aria-labelledby="dsur-subjects">
        <h2 id="dsur-subjects" className="text-lg font-semibold">
          {t("dsur.section.subjects")}
        </h2>
        <CountTable
          t={t}
          to={to}
          rows={[
            [t("dsur.subjects.inLtfu"), report.subjects.inLtfu, null],
            [t("dsur.subjects.inLtfuAtEnd"), null, cumulative.subjects.inLtfuAtEnd],
            ...CUMULATIVE_SUBJECT_KEYS.map((key): [string, number, number] => [t(`dsur.subjects.${key}`), report.subjects[key], cumulative.subjects[key]]),
          ]}
        />
        <p className="text-sm text-slate-600">{t("dsur.cumulativeNote")}</p>
      </section>

      <section className="dsur-section card" aria-labelledby="dsur-visits">
        <h2 id="dsur-visits" className="text-lg font-semibold">
          {t("dsur.section.visits")}
        </h2>
        <CountTable t={t} to={to} rows={VISIT_KEYS.map((key) => [t(`dsur.visits.${key}`), report.visits[key], cumulative.visits[key]])} />
      </section>

      <section className="dsur-section card" aria-labelledby="dsur-aes">
        <h2 id="dsur-aes" className="text-lg font-semibold">
          {t("dsur.section.adverseEvents")}
        </h2>
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
      </section>

      <section className="dsur-section card" aria-labelledby="dsur-malignancies">
        <h2 id="dsur-malignancies" className="text-lg font-semibold">
          {t("dsur.section.malignancies")}
        </h2>
        <CountTable t={t} to={to} rows={[[t("dsur.malignancies.count"), report.malignancies.length, cumulative.malignancies]]} />
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
      </section>

      <section className="dsur-section card" aria-labelledby="dsur-escalations">
        <h2 id="dsur-escalations" className="text-lg font-semibold">
          {t("dsur.section.escalations")}
        </h2>
        <CountTable
          t={t}
          to={to}
          rows={[
            ...TRIGGER_IDS.map((trigger): [string, number, number] => [t(`trigger.${trigger}`), report.escalations.byTrigger[trigger], cumulative.escalations.byTrigger[trigger]]),
            [t("dsur.escalations.total"), report.escalations.opened, cumulative.escalations.opened],
          ]}
        />
      </section>

      <section className="dsur-section card" aria-labelledby="dsur-amendments">
        <h2 id="dsur-amendments" className="text-lg font-semibold">
          {t("dsur.section.amendments")}
        </h2>
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
      </section>
    </article>
  );
}
