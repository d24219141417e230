import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { DsurReportView } from "@/components/exports/dsur-report";
import { PrintButton } from "@/components/ui/print-button";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { buildStudyDsur } from "@/lib/exports/services/study-exports";
import { getTranslator } from "@/lib/i18n/server";
import { addDays, addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { todayCalendarDate } from "@/lib/subjects/today";
import { ZDsurQuery } from "@/lib/validation/report";

/** The last 12 months up to today: a DSUR's yearly reporting period when none is chosen. */
function defaultPeriod(): { from: string; to: string } {
  const to = todayCalendarDate();
  return { from: formatCalendarDate(addDays(addMonths(parseCalendarDate(to)!, -12), 1)), to };
}

export default async function DsurPage({ params, searchParams }: { params: Promise<{ studyId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("report:read");
  const { studyId } = await pageParams(params, { studyId: "id" });
  const query = await searchParams;
  const t = await getTranslator();
  const fallback = defaultPeriod();
  const requested = { from: typeof query.from === "string" ? query.from : fallback.from, to: typeof query.to === "string" ? query.to : fallback.to };
  const parsed = ZDsurQuery.safeParse(requested);
  let report = null;
  if (parsed.success) {
    try {
      report = await buildStudyDsur(getDb(), { actor, studyId, from: parsed.data.from, to: parsed.data.to });
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }
  }
  const csvHref = `/api/v1/studies/${encodeURIComponent(studyId)}/reports/dsur?from=${encodeURIComponent(requested.from)}&to=${encodeURIComponent(requested.to)}&format=csv`;

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <p className="text-sm text-slate-600 print:hidden">
          <Link className="text-blue-700 underline" href={`/studies/${studyId}`}>
            {report ? `${report.study.code} · ${report.study.name}` : studyId}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("dsur.title")}</h1>
        {report ? (
          <p className="text-slate-700" data-testid="dsur-study-period">
            {report.study.code} · {report.study.name} · {t("dsur.period", { from: report.period.from, to: report.period.to })}
          </p>
        ) : null}
        <p className="text-sm text-slate-600">{t("dsur.scopeNote")}</p>
      </div>

      <form className="flex flex-wrap items-end gap-3 print:hidden" method="get">
        <div>
          <label className="label" htmlFor="dsur-from">
            {t("dsur.from")}
          </label>
          <input id="dsur-from" className="input" type="date" name="from" defaultValue={requested.from} required aria-invalid={!parsed.success} aria-describedby={parsed.success ? undefined : "dsur-period-error"} />
        </div>
        <div>
          <label className="label" htmlFor="dsur-to">
            {t("dsur.to")}
          </label>
          <input id="dsur-to" className="input" type="date" name="to" defaultValue={requested.to} required aria-invalid={!parsed.success} aria-describedby={parsed.success ? undefined : "dsur-period-error"} />
        </div>
        <button type="submit" className="btn-primary">
          {t("dsur.show")}
        </button>
        {report ? <PrintButton label={t("dsur.print")} /> : null}
        {report ? (
          <a className="btn-secondary" href={csvHref} download>
            {t("dsur.downloadCsv")}
          </a>
        ) : null}
      </form>
      {parsed.success ? null : (
        <p id="dsur-period-error" role="alert" className="field-error">
          {t("dsur.periodInvalid")}
        </p>
      )}

      {report ? <DsurReportView report={report} t={t} /> : null}
    </section>
  );
}
