import Link from "next/link";
import { answerQueryAction } from "@/app/(app)/queries/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { OpenQueriesWorklist } from "@/components/monitoring/open-queries";
import { WorklistTable } from "@/components/subjects/worklist-table";
import { requirePageActor } from "@/lib/auth/page";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { listReconsentDue, listWorklistVisits, type WorklistRow } from "@/lib/db/visit-status";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

export default async function InvestigatorHome() {
  const actor = await requirePageActor("home:investigator");
  const t = await getTranslator();
  const db = getDb();
  const today = todayCalendarDate();
  const [sites, visits, reconsent] = await Promise.all([listSites(db, { actor }), listWorklistVisits(db, { actor, asOf: today }), listReconsentDue(db, { actor })]);
  const in30 = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const overdue = visits.filter((v) => v.status === "overdue");
  const windowOpen = visits.filter((v) => v.status === "window_open");
  const dueSoon = visits.filter((v) => v.status === "upcoming" && calendarDateFromDb(v.targetDate) <= in30);
  const canRecord = hasPermission(actor, "visit:record", AT_ANY_OWN_SITE);

  const table = (rows: WorklistRow[], testId: string) => <WorklistTable rows={rows} testId={testId} canRecord={canRecord} />;

  return (
    <section data-testid="home-investigator" className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("home.investigator.title")}</h1>
        <p className="mt-2 text-slate-700">{t("home.investigator.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">
          {t("home.investigator.sites")}: {sites.length === 0 ? t("home.investigator.noSites") : sites.map((s) => `${s.code} — ${s.name}`).join(" · ")}
        </p>
        <div className="mt-3 flex gap-3">
          {hasPermission(actor, "subject:enrol", AT_ANY_OWN_SITE) ? (
            <Link className="btn-primary" href="/subjects/new">
              {t("worklist.enrol")}
            </Link>
          ) : null}
          <Link className="btn-secondary" href="/subjects">
            {t("worklist.allSubjects")}
          </Link>
        </div>
      </div>
      <h2 className="text-lg font-semibold">
        {t("worklist.title")} <span className="text-sm font-normal text-slate-600">{t("worklist.asOf", { date: today })}</span>
      </h2>
      <ClientMessages areas={CLIENT_AREAS.queries}>
        <OpenQueriesWorklist actor={actor} asOf={today} answer={answerQueryAction} />
      </ClientMessages>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-overdue">
        <h3 id="wl-overdue" className="font-semibold text-red-900">
          {t("worklist.overdue")} ({overdue.length})
        </h3>
        {table(overdue, "worklist-overdue")}
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-window">
        <h3 id="wl-window" className="font-semibold text-amber-900">
          {t("worklist.windowOpen")} ({windowOpen.length})
        </h3>
        {table(windowOpen, "worklist-window-open")}
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-soon">
        <h3 id="wl-soon" className="font-semibold">
          {t("worklist.dueSoon")} ({dueSoon.length})
        </h3>
        {table(dueSoon, "worklist-due-soon")}
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-reconsent">
        <h3 id="wl-reconsent" className="font-semibold">
          {t("worklist.reconsent")} ({reconsent.length})
        </h3>
        {reconsent.length === 0 ? (
          <p className="text-sm text-slate-600">{t("worklist.none")}</p>
        ) : (
          <ul className="text-sm" data-testid="worklist-reconsent">
            {reconsent.map((row) => (
              <li key={row.subjectId}>
                <Link className="text-blue-700 underline" href={`/subjects/${row.subjectId}`}>
                  {row.code}
                </Link>{" "}
                {row.protocolNumber} · {row.siteCode} · {t("worklist.reconsentLine", { from: row.consentVersion, to: row.activeConsentVersion })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
