import Link from "@/components/ui/link";
import { answerQueryAction } from "@/app/(app)/queries/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { OpenQueriesWorklist } from "@/components/monitoring/open-queries";
import { WorklistTable } from "@/components/subjects/worklist-table";
import { requirePageActor } from "@/lib/auth/page";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { listReconsentDue, listWorklistSections, WORKLIST_SECTIONS, type WorklistSection, type WorklistSectionPage } from "@/lib/db/visit-status";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { translateFieldError } from "@/lib/i18n/field-errors";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/translate";
import { todayCalendarDate } from "@/lib/subjects/today";
import { BadParams } from "@/components/ui/bad-params";

/** Each section's page in the URL: `?overdue=2&windowOpen=1&dueSoon=3` (decision 010: the worklist is paged on the server). */
const PAGE_PARAM: Record<WorklistSection, string> = { overdue: "overdue", window_open: "windowOpen", due_soon: "dueSoon" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Page numbers of the sections; a bad one is named and its section shows page 1. */
function parsePages(query: SearchParams, locale: Locale): { pages: Record<WorklistSection, number>; badFields: string[] } {
  const pages = { overdue: 1, window_open: 1, due_soon: 1 };
  const badFields: string[] = [];
  for (const section of WORKLIST_SECTIONS) {
    const raw = query[PAGE_PARAM[section]];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === "") continue;
    if (/^[1-9][0-9]{0,5}$/.test(value)) pages[section] = Number(value);
    else badFields.push(`${PAGE_PARAM[section]}: ${translateFieldError(locale, "expected a page number from 1")}`);
  }
  return { pages, badFields };
}

export default async function InvestigatorHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("home:investigator");
  const t = await getTranslator();
  const db = getDb();
  const today = todayCalendarDate();
  const query = await searchParams;
  const { pages, badFields } = parsePages(query, await getLocale());
  const [sites, sections, reconsent] = await Promise.all([listSites(db, { actor }), listWorklistSections(db, { actor, asOf: today, pages }), listReconsentDue(db, { actor })]);
  const canRecord = hasPermission(actor, "visit:record", AT_ANY_OWN_SITE);

  /** The page's URL with one section moved to another page, the others kept. */
  const pageHref = (section: WorklistSection, page: number) => {
    const params = new URLSearchParams();
    for (const other of WORKLIST_SECTIONS) {
      const value = other === section ? page : pages[other];
      if (value > 1) params.set(PAGE_PARAM[other], String(value));
    }
    const search = params.toString();
    return `/investigator${search ? `?${search}` : ""}#wl-${PAGE_PARAM[section]}`;
  };

  const table = (section: WorklistSection, testId: string) => {
    const shown: WorklistSectionPage = sections[section];
    return (
      <>
        <WorklistTable rows={shown.rows} testId={testId} canRecord={canRecord} />
        {/* Also on a page past the end (a stale link), so there is a way back. */}
        {shown.pages > 1 || shown.page > 1 ? (
          <nav className="flex gap-3 text-sm" aria-label={t("worklist.pageOf", { page: shown.page, pages: shown.pages, total: shown.total })} data-testid={`${testId}-pages`}>
            <span className="text-slate-600">{t("worklist.pageOf", { page: shown.page, pages: shown.pages, total: shown.total })}</span>
            {shown.page > 1 ? (
              <Link className="text-blue-700 underline" href={pageHref(section, Math.min(shown.page - 1, shown.pages))}>
                {t("worklist.previous")}
              </Link>
            ) : null}
            {shown.page < shown.pages ? (
              <Link className="text-blue-700 underline" href={pageHref(section, shown.page + 1)}>
                {t("worklist.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </>
    );
  };

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
        <BadParams messages={badFields} />
      </div>
      <h2 className="text-lg font-semibold">
        {t("worklist.title")} <span className="text-sm font-normal text-slate-600">{t("worklist.asOf", { date: today })}</span>
      </h2>
      <ClientMessages areas={CLIENT_AREAS.queries}>
        <OpenQueriesWorklist actor={actor} asOf={today} answer={answerQueryAction} />
      </ClientMessages>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-overdue">
        <h3 id="wl-overdue" className="font-semibold text-red-900">
          {t("worklist.overdue")} ({sections.overdue.total})
        </h3>
        {table("overdue", "worklist-overdue")}
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-windowOpen">
        <h3 id="wl-windowOpen" className="font-semibold text-amber-900">
          {t("worklist.windowOpen")} ({sections.window_open.total})
        </h3>
        {table("window_open", "worklist-window-open")}
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="wl-dueSoon">
        <h3 id="wl-dueSoon" className="font-semibold">
          {t("worklist.dueSoon")} ({sections.due_soon.total})
        </h3>
        {table("due_soon", "worklist-due-soon")}
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
