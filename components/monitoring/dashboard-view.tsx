import Link from "next/link";
import { notFound } from "next/navigation";
import { BarChart, RateLineChart } from "@/components/monitoring/charts";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import {
  getDashboard,
  getEscalationsByQuarter,
  getOnTimeRateByQuarter,
  getOpenEscalationsByKind,
  getRetentionByYear,
  listDashboardItems,
  type Dashboard,
  type DashboardScope,
} from "@/lib/db/dashboard";
import { listStudies } from "@/lib/db/studies";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { DASHBOARD_SORTS, ZDashboardParams, type TDashboardList, type TDashboardParams, type TDashboardSort } from "@/lib/validation/dashboard";

export type SearchParams = Record<string, string | string[] | undefined>;

const LIST_LABEL: Record<TDashboardList, MessageKey> = {
  overdue: "dashboard.visits.overdue",
  window_open: "dashboard.visits.windowOpen",
  due_30: "dashboard.visits.dueIn30Days",
  due_90: "dashboard.visits.dueIn90Days",
  active: "subjects.status.active",
  completed: "subjects.status.completed",
  withdrawn: "subjects.status.withdrawn",
  lost_to_follow_up: "subjects.status.lost_to_follow_up",
  died: "subjects.status.died",
  reconsent_due: "dashboard.reconsentDue",
  extension: "dashboard.extension",
  nearing_end: "dashboard.nearingEnd",
  escalations_open: "dashboard.escalations.open",
  escalations_overdue: "dashboard.escalations.overdue",
  ae_serious: "dashboard.ae.serious",
  ae_malignancy: "dashboard.ae.malignancies",
  queries_open: "dashboard.queries.open",
  queries_answered: "dashboard.queries.answered",
};

const SORT_LABEL: Record<TDashboardSort, MessageKey> = {
  subject: "dashboard.list.subject",
  study: "dashboard.list.study",
  site: "dashboard.list.site",
  item: "dashboard.list.item",
  date: "dashboard.list.date",
  daysOverdue: "dashboard.list.daysOverdue",
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The page's URL with some parameters changed (undefined removes one). */
function hrefFor(basePath: string, params: TDashboardParams, changes: Partial<Record<keyof TDashboardParams, string | number | undefined>>, hash = ""): string {
  const merged: Record<string, string | number | undefined> = { ...params, ...changes };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== "") query.set(key, String(value));
  const text = query.toString();
  return `${basePath}${text ? `?${text}` : ""}${hash}`;
}

const percent = (rate: number | null) => (rate === null ? null : `${Math.round(rate * 1000) / 10}%`);

/**
 * The dashboard over the actor's scope (lib/db/dashboard.ts): the monitor's home (/monitor) and,
 * for investigators (their sites) and sponsor administrators (their organisation), /dashboard.
 * The caller has checked the page permission.
 */
export async function DashboardView({ actor, searchParams, basePath, testId }: { actor: Actor; searchParams: SearchParams; basePath: string; testId: string }) {
  const t = await getTranslator();
  const raw = searchParams;
  const href = (params: TDashboardParams, changes: Partial<Record<keyof TDashboardParams, string | number | undefined>>, hash = "") => hrefFor(basePath, params, changes, hash);
  const parsed = ZDashboardParams.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, first(v)])));
  const params: TDashboardParams = parsed.success ? parsed.data : { study: undefined, site: undefined, item: undefined };
  const badFields = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`))];
  const asOf = params.asOf ?? todayCalendarDate();
  const db = getDb();
  const studies = await listStudies(db, { actor });
  if (params.study && !studies.some((s) => s.id === params.study)) notFound();
  const scope: DashboardScope = { actor, asOf, studyId: params.study };
  // The page opens on the overdue visits: what a monitor looks at first.
  const shownList = params.list ?? "overdue";

  const [dashboard, escalationsByKind, retention, onTime, escalationsByQuarter, list] = await Promise.all([
    getDashboard(db, scope),
    getOpenEscalationsByKind(db, scope),
    getRetentionByYear(db, scope),
    getOnTimeRateByQuarter(db, scope),
    getEscalationsByQuarter(db, scope),
    listDashboardItems(db, { ...scope, list: shownList, siteId: params.site, item: params.item, minDaysOverdue: params.minDays, sort: params.sort, direction: params.dir, page: params.page }),
  ]);

  const number = (list: TDashboardList, value: number, testId: string) => (
    <Link className="text-2xl font-semibold text-blue-800 underline decoration-dotted" href={href(params, { list, page: undefined, site: undefined, item: undefined, minDays: undefined }, "#list")} data-testid={testId}>
      {value}
    </Link>
  );
  const tile = (label: MessageKey, list: TDashboardList, value: number, testId: string) => (
    <div className="flex flex-col">
      <dt className="text-sm text-slate-600">{t(label)}</dt>
      <dd>{number(list, value, testId)}</dd>
    </div>
  );

  return (
    <section data-testid={testId} className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
        <p className="mt-2 text-slate-700">{t("dashboard.intro")}</p>
        <form method="get" action={basePath} className="mt-3 flex flex-wrap items-end gap-3" aria-label={t("dashboard.apply")}>
          <div>
            <label className="label" htmlFor="dashboard-study">
              {t("dashboard.study")}
            </label>
            <select id="dashboard-study" name="study" className="input" defaultValue={params.study ?? ""}>
              <option value="">{t("dashboard.allStudies")}</option>
              {studies.map((study) => (
                <option key={study.id} value={study.id}>
                  {study.protocolNumber} — {study.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="label" htmlFor="dashboard-as-of">
              {t("dashboard.asOf")}
            </label>
            <input id="dashboard-as-of" name="asOf" type="date" className="input" defaultValue={asOf} />
          </div>
          <button type="submit" className="btn-secondary">
            {t("dashboard.apply")}
          </button>
        </form>
        {badFields.length > 0 ? (
          <p role="alert" className="field-error mt-2">
            {badFields.join(" · ")}
          </p>
        ) : null}
      </div>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <section className="card" aria-labelledby="d-visits">
          <h2 id="d-visits" className="font-semibold">
            {t("dashboard.visits")}
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            {tile("dashboard.visits.overdue", "overdue", dashboard.visits.overdue, "dashboard-overdue")}
            {tile("dashboard.visits.windowOpen", "window_open", dashboard.visits.windowOpen, "dashboard-window-open")}
            {tile("dashboard.visits.dueIn30Days", "due_30", dashboard.visits.dueIn30Days, "dashboard-due-30")}
            {tile("dashboard.visits.dueIn90Days", "due_90", dashboard.visits.dueIn90Days, "dashboard-due-90")}
            <div className="col-span-2">
              <dt className="text-sm text-slate-600" title={t("dashboard.onTimeRate.help")}>
                {t("dashboard.onTimeRate")}
              </dt>
              <dd className="text-2xl font-semibold" data-testid="dashboard-on-time">
                {percent(dashboard.onTimeRate) ?? t("dashboard.noRate")}
              </dd>
              <dd className="text-xs text-slate-500">{t("dashboard.onTimeRate.help")}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="d-subjects">
          <h2 id="d-subjects" className="font-semibold">
            {t("dashboard.subjects")}
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            {(["active", "completed", "withdrawn", "lost_to_follow_up", "died"] as const).map((status) => (
              <div key={status}>{tile(`subjects.status.${status}`, status, dashboard.subjects[status], `dashboard-subjects-${status}`)}</div>
            ))}
          </dl>
        </section>
        <section className="card" aria-labelledby="d-safety">
          <h2 id="d-safety" className="font-semibold">
            {t("dashboard.safety")}
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            {tile("dashboard.escalations.open", "escalations_open", dashboard.escalations.open, "dashboard-escalations-open")}
            {tile("dashboard.escalations.overdue", "escalations_overdue", dashboard.escalations.overdue, "dashboard-escalations-overdue")}
            {tile("dashboard.ae.serious", "ae_serious", dashboard.adverseEvents.serious, "dashboard-ae-serious")}
            {tile("dashboard.ae.malignancies", "ae_malignancy", dashboard.adverseEvents.malignancies, "dashboard-ae-malignancy")}
          </dl>
        </section>
        <section className="card" aria-labelledby="d-follow-up">
          <h2 id="d-follow-up" className="font-semibold">
            {t("dashboard.followUp")}
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            {tile("dashboard.reconsentDue", "reconsent_due", dashboard.reconsentDue, "dashboard-reconsent")}
            {tile("dashboard.extension", "extension", dashboard.followUp.extension, "dashboard-extension")}
            {tile("dashboard.nearingEnd", "nearing_end", dashboard.followUp.nearingEnd, "dashboard-nearing-end")}
          </dl>
        </section>
        <section className="card" aria-labelledby="d-queries">
          <h2 id="d-queries" className="font-semibold">
            {t("dashboard.queries")}
          </h2>
          <dl className="mt-2 grid grid-cols-2 gap-3">
            {tile("dashboard.queries.open", "queries_open", dashboard.queries.open, "dashboard-queries-open")}
            {tile("dashboard.queries.answered", "queries_answered", dashboard.queries.answered, "dashboard-queries-answered")}
          </dl>
        </section>
        <SitesTable dashboard={dashboard} params={params} href={href} t={t} />
      </div>

      {list ? (
        <section id="list" className="card flex flex-col gap-3" aria-labelledby="list-heading" data-testid="dashboard-list">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="list-heading" className="text-lg font-semibold">
              {t("dashboard.list.title", { name: t(LIST_LABEL[shownList]) })}
            </h2>
            <Link className="text-sm text-blue-700 underline" href={href(params, { list: undefined, site: undefined, item: undefined, minDays: undefined, sort: undefined, dir: undefined, page: undefined })}>
              {t("dashboard.list.close")}
            </Link>
          </div>
          <form method="get" action={`${basePath}#list`} className="flex flex-wrap items-end gap-3" aria-label={t("dashboard.list.filter")}>
            {(["study", "asOf", "list", "sort", "dir"] as const).map((key) => (params[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(params[key])} /> : null))}
            <div>
              <label className="label" htmlFor="list-site">
                {t("dashboard.list.filterSite")}
              </label>
              <select id="list-site" name="site" className="input" defaultValue={params.site ?? ""}>
                <option value="">{t("dashboard.list.anySite")}</option>
                {dashboard.sites.map((site) => (
                  <option key={site.siteId} value={site.siteId}>
                    {site.code}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label className="label" htmlFor="list-item">
                {t("dashboard.list.filterVisit")}
              </label>
              <input id="list-item" name="item" className="input" defaultValue={params.item ?? ""} />
            </div>
            <div>
              <label className="label" htmlFor="list-min-days">
                {t("dashboard.list.filterMinDays")}
              </label>
              <input id="list-min-days" name="minDays" type="number" min={0} className="input" defaultValue={params.minDays ?? ""} />
            </div>
            <button type="submit" className="btn-secondary">
              {t("dashboard.list.filter")}
            </button>
          </form>
          <ListTable list={list} listName={shownList} params={params} href={href} testId={`monitor-${shownList.replaceAll("_", "-")}`} t={t} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="d-escalations-kind">
        <h2 id="d-escalations-kind" className="font-semibold">
          {t("dashboard.escalationsByKind")}
        </h2>
        {escalationsByKind.length === 0 ? (
          <p className="text-sm text-slate-600">{t("dashboard.none")}</p>
        ) : (
          <table className="table mt-2" data-testid="dashboard-escalations-by-kind">
            <thead>
              <tr>
                <th>{t("safety.escalations.trigger")}</th>
                <th>{t("dashboard.age.upTo30")}</th>
                <th>{t("dashboard.age.upTo90")}</th>
                <th>{t("dashboard.age.over90")}</th>
                <th>{t("safety.escalations.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {escalationsByKind.map((row) => (
                <tr key={row.trigger}>
                  <td>{t(`trigger.${row.trigger}` as MessageKey)}</td>
                  <td>{row.upTo30}</td>
                  <td>{row.upTo90}</td>
                  <td>{row.over90}</td>
                  <td>{row.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="d-charts" className="flex flex-col gap-4">
        <h2 id="d-charts" className="text-lg font-semibold">
          {t("dashboard.charts")}
        </h2>
        <div className="grid gap-4 xl:grid-cols-2">
          <BarChart
            id="chart-retention"
            title={t("dashboard.chart.retention")}
            emptyText={t("dashboard.chart.empty")}
            legend={[t("dashboard.chart.retention.active"), t("dashboard.chart.retention.reached")]}
            data={retention.map((r) => ({ label: String(r.year), value: r.active, background: r.reached }))}
            table={
              <table className="table">
                <caption>{t("dashboard.chart.retention")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.chart.retention.year")}</th>
                    <th scope="col">{t("dashboard.chart.retention.reached")}</th>
                    <th scope="col">{t("dashboard.chart.retention.active")}</th>
                  </tr>
                </thead>
                <tbody>
                  {retention.map((r) => (
                    <tr key={r.year}>
                      <th scope="row">{r.year}</th>
                      <td>{r.reached}</td>
                      <td>{r.active}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
          <OnTimeChart rows={onTime} quarters={escalationsByQuarter.map((q) => q.quarter)} t={t} />
          <BarChart
            id="chart-escalations"
            title={t("dashboard.chart.escalations")}
            emptyText={t("dashboard.chart.empty")}
            data={escalationsByQuarter.map((q) => ({ label: q.quarter, value: q.opened }))}
            table={
              <table className="table">
                <caption>{t("dashboard.chart.escalations")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.chart.quarter")}</th>
                    <th scope="col">{t("dashboard.chart.escalations.opened")}</th>
                  </tr>
                </thead>
                <tbody>
                  {escalationsByQuarter.map((q) => (
                    <tr key={q.quarter}>
                      <th scope="row">{q.quarter}</th>
                      <td>{q.opened}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </div>
      </section>
    </section>
  );
}

type T = Awaited<ReturnType<typeof getTranslator>>;

type Href = (params: TDashboardParams, changes: Partial<Record<keyof TDashboardParams, string | number | undefined>>, hash?: string) => string;

function SitesTable({ dashboard, params, href, t }: { dashboard: Dashboard; params: TDashboardParams; href: Href; t: T }) {
  return (
    <section className="card" aria-labelledby="d-sites">
      <h2 id="d-sites" className="font-semibold">
        {t("dashboard.sites")}
      </h2>
      {dashboard.sites.length === 0 ? (
        <p className="text-sm text-slate-600">{t("dashboard.none")}</p>
      ) : (
        <table className="table mt-2" data-testid="dashboard-sites">
          <thead>
            <tr>
              <th>{t("dashboard.site")}</th>
              <th>{t("dashboard.site.subjects")}</th>
              <th>{t("dashboard.site.overdue")}</th>
              <th>{t("dashboard.onTimeRate")}</th>
            </tr>
          </thead>
          <tbody>
            {dashboard.sites.map((site) => (
              <tr key={site.siteId}>
                <td>{site.code}</td>
                <td>
                  <Link className="text-blue-700 underline" href={href(params, { list: "active", site: site.siteId, page: undefined }, "#list")}>
                    {site.subjects}
                  </Link>
                </td>
                <td>
                  <Link className="text-blue-700 underline" href={href(params, { list: "overdue", site: site.siteId, page: undefined }, "#list")}>
                    {site.overdue}
                  </Link>
                </td>
                <td>{percent(site.onTimeRate) ?? t("dashboard.noRate")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const SUBJECT_LISTS: ReadonlySet<TDashboardList> = new Set(["active", "completed", "withdrawn", "lost_to_follow_up", "died", "reconsent_due", "extension", "nearing_end"]);

function ListTable({ list, listName, params, href, testId, t }: { list: Awaited<ReturnType<typeof listDashboardItems>>; listName: TDashboardList; params: TDashboardParams; href: Href; testId: string; t: T }) {
  // Subject statuses and escalation triggers are codes: shown in the reader's language.
  const itemLabel = (item: string) =>
    SUBJECT_LISTS.has(listName) ? t(`subjects.status.${item}` as MessageKey) : listName.startsWith("escalations_") ? t(`trigger.${item}` as MessageKey) : item;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const sort = params.sort ?? "date";
  const dir = params.dir ?? "asc";
  return (
    <>
      <p className="text-sm text-slate-600" data-testid="dashboard-list-count">
        {t("dashboard.list.count", { total: list.total, page: list.page, pages })}
      </p>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {DASHBOARD_SORTS.map((column) => {
              const active = sort === column;
              const next = active && dir === "asc" ? "desc" : "asc";
              return (
                <th key={column} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
                  <Link className="underline decoration-dotted" href={href(params, { sort: column, dir: next, page: undefined }, "#list")} aria-label={t("dashboard.list.sortBy", { column: t(SORT_LABEL[column]) })}>
                    {t(SORT_LABEL[column])}
                    {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr key={row.key} data-testid="dashboard-list-row">
              <td>
                <Link className="text-blue-700 underline" href={`/subjects/${row.subjectId}`}>
                  {row.subjectCode}
                </Link>
              </td>
              <td>{row.protocolNumber}</td>
              <td>{row.siteCode}</td>
              <td>{itemLabel(row.item)}</td>
              <td>{row.date ? calendarDateFromDb(row.date) : "—"}</td>
              <td>
                {row.daysOverdue ?? "—"}
                {row.ageDays !== null ? <span className="ml-2 text-xs text-slate-600">{t("queries.age", { days: row.ageDays })}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="flex gap-3 text-sm" aria-label={t("dashboard.list.count", { total: list.total, page: list.page, pages })}>
        {list.page > 1 ? (
          <Link className="text-blue-700 underline" href={href(params, { page: list.page - 1 }, "#list")}>
            {t("dashboard.list.previous")}
          </Link>
        ) : null}
        {list.page < pages ? (
          <Link className="text-blue-700 underline" href={href(params, { page: list.page + 1 }, "#list")}>
            {t("dashboard.list.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}

/** `quarters`: the last 8, so that a quarter without visits due shows as a gap. */
function OnTimeChart({ rows, quarters, t }: { rows: Awaited<ReturnType<typeof getOnTimeRateByQuarter>>; quarters: string[]; t: T }) {
  const sites = [...new Set(rows.map((r) => r.siteCode))].sort();
  const at = new Map(rows.map((r) => [`${r.siteCode}|${r.quarter}`, r]));
  return (
    <RateLineChart
      id="chart-on-time"
      title={t("dashboard.chart.onTime")}
      emptyText={t("dashboard.chart.empty")}
      categories={quarters}
      series={sites.map((site) => ({ name: site, values: quarters.map((q) => at.get(`${site}|${q}`)?.rate ?? null) }))}
      table={
        <table className="table">
          <caption>{t("dashboard.chart.onTime")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.site")}</th>
              <th scope="col">{t("dashboard.chart.quarter")}</th>
              <th scope="col">{t("dashboard.chart.onTime.rate")}</th>
              <th scope="col">{t("dashboard.chart.onTime.due")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.siteCode}|${r.quarter}`}>
                <th scope="row">{r.siteCode}</th>
                <td>{r.quarter}</td>
                <td>{percent(r.rate) ?? "—"}</td>
                <td>{r.due}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
