import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/subjects/status-badge";
import { BadParams } from "@/components/ui/bad-params";
import { DataTable } from "@/components/ui/data-table";
import { FilterInput, FilterSelect } from "@/components/ui/filter-fields";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { listStudies } from "@/lib/db/studies";
import { listSubjectPage } from "@/lib/db/subjects";
import { translateFieldError } from "@/lib/i18n/field-errors";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { isReconsentDue } from "@/lib/subjects/reconsent";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { SUBJECT_STATUSES } from "@/lib/validation/schedule";
import { parseSearchParams, type SearchParams } from "@/lib/validation/search-params";
import { SUBJECT_LIST_PAGE_SIZE, ZSubjectListParams, type TSubjectListParams } from "@/lib/validation/subject-list";

/** The list's address with some parameters changed (undefined removes one). */
function listHref(params: TSubjectListParams, changes: Partial<Record<keyof TSubjectListParams, string | number | undefined>> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) query.set(key, String(value));
  const text = query.toString();
  return `/subjects${text ? `?${text}` : ""}`;
}

/**
 * The subjects in the actor's scope, a page of 50 by code, filtered by study, site and status and
 * searched by code (a GET form: works without JavaScript). Read with two queries whatever the
 * program's size (decision 010), the extension flag for the page's subjects only.
 */
export default async function SubjectsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("subject:read");
  const t = await getTranslator();
  const { params, refused } = parseSearchParams(ZSubjectListParams, await searchParams);
  const locale = await getLocale();
  const badFields = refused.map(({ field, message }) => `${field}: ${translateFieldError(locale, message)}`);
  const db = getDb();
  const [studies, sites] = await Promise.all([listStudies(db, { actor }), listSites(db, { actor })]);
  // A study or site outside the actor's scope is not found, as on the dashboard.
  if (params.study && !studies.some((s) => s.id === params.study)) notFound();
  if (params.site && !sites.some((s) => s.id === params.site)) notFound();
  const page = params.page ?? 1;
  const { rows: subjects, total } = await listSubjectPage(db, { actor, studyId: params.study, siteId: params.site, status: params.status, code: params.code, page, pageSize: SUBJECT_LIST_PAGE_SIZE });
  const extensions = await listSubjectExtensions(db, subjects, todayCalendarDate());
  const pages = Math.max(1, Math.ceil(total / SUBJECT_LIST_PAGE_SIZE));
  const filtered = Boolean(params.study || params.site || params.status || params.code);
  return (
    <section className="flex flex-col gap-4" data-testid="subjects-page">
      <PageHeader
        title={t("subjects.title")}
        actions={
          hasPermission(actor, "subject:enrol", AT_ANY_OWN_SITE) ? (
            <Link className="btn-primary" href="/subjects/new">
              {t("subjects.enrol")}
            </Link>
          ) : null
        }
      />
      <BadParams messages={badFields} />
      <form key={listHref(params)} method="get" action="/subjects" className="card flex flex-wrap items-end gap-3" aria-label={t("subjects.filter")} data-testid="subjects-filter">
        <FilterSelect id="subjects-study" name="study" label={t("subjects.study")} anyLabel={t("subjects.allStudies")} value={params.study} options={studies.map((study) => ({ value: study.id, label: study.protocolNumber }))} />
        <FilterSelect id="subjects-site" name="site" label={t("subjects.site")} anyLabel={t("subjects.allSites")} value={params.site} options={sites.map((site) => ({ value: site.id, label: `${site.code} — ${site.name}` }))} />
        <FilterSelect id="subjects-status" name="status" label={t("subjects.status")} anyLabel={t("subjects.allStatuses")} value={params.status} options={SUBJECT_STATUSES.map((status) => ({ value: status, label: t(`subjects.status.${status}`) }))} />
        <FilterInput id="subjects-code" name="code" label={t("subjects.codeSearch")} value={params.code} className="min-w-0 flex-1 basis-40" maxLength={40} autoComplete="off" />
        <button type="submit" className="btn-secondary">
          {t("subjects.apply")}
        </button>
        {filtered ? (
          <Link href="/subjects" className="text-sm text-blue-700 underline">
            {t("subjects.clearFilter")}
          </Link>
        ) : null}
      </form>
      <DataTable
        label={t("subjects.title")}
        testId="subjects-list"
        empty={total > 0 ? t("subjects.pastLastPage") : filtered ? t("subjects.noMatch") : t("subjects.empty")}
        columns={[
          { key: "code", header: t("subjects.code") },
          { key: "study", header: t("subjects.study") },
          { key: "site", header: t("subjects.site") },
          { key: "dosing", header: t("subjects.dosingDate"), className: "whitespace-nowrap" },
          { key: "status", header: t("subjects.status") },
        ]}
        rows={subjects.map((s) => ({
          key: s.id,
          testId: `subject-row-${s.code}`,
          cells: {
            code: (
              <Link className="text-blue-700 underline" href={`/subjects/${s.id}`}>
                {s.code}
              </Link>
            ),
            study: s.study.protocolNumber,
            site: s.site.code,
            dosing: calendarDateFromDb(s.dosingDate),
            status: (
              <>
                <StatusBadge status={s.status} label={t(`subjects.status.${s.status as "active"}`)} />{" "}
                {isReconsentDue(s) ? <StatusBadge status="window_open" label={t("subjects.reconsentDue")} /> : null}
                {extensions.get(s.id)?.active ? <StatusBadge status="extension" label={t("safety.extension.flag")} /> : null}
              </>
            ),
          },
        }))}
      />
      {total > 0 || page > 1 ? (
        <nav className="flex flex-wrap gap-3 text-sm" aria-label={t("subjects.pageOf", { page, pages, total })} data-testid="subjects-pages">
          <span className="text-slate-600">{t("subjects.pageOf", { page, pages, total })}</span>
          {page > 1 ? (
            <Link className="text-blue-700 underline" href={listHref(params, { page: Math.min(page - 1, pages) })}>
              {t("subjects.previousPage")}
            </Link>
          ) : null}
          {page < pages ? (
            <Link className="text-blue-700 underline" href={listHref(params, { page: page + 1 })} data-testid="subjects-next">
              {t("subjects.nextPage")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
