import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { StudyExportsLinks } from "@/components/exports/study-exports-links";
import { BarChart, RateLineChart } from "@/components/monitoring/charts";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
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
import { listStudySitesInScope } from "@/lib/db/study-sites";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { translateFieldError } from "@/lib/i18n/field-errors";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { parseSearchParams, type SearchParams } from "@/lib/validation/search-params";
import { DASHBOARD_SORTS, ZDashboardParams, type TDashboardList, type TDashboardParams, type TDashboardSort } from "@/lib/validation/dashboard";
import { BadParams } from "@/components/ui/bad-params";
import { FilterInput, FilterSelect } from "@/components/ui/filter-fields";

export type { SearchParams };

/** Each list behind a number: its name in the reader's language and its number on the dashboard. */
const LISTS: Record<TDashboardList, { label: MessageKey; count: (d: Dashboard) => number }> = {
  overdue: { label: "dashboard.visits.overdue", count: (d) => d.visits.overdue },
  window_open: { label: "dashboard.visits.windowOpen", count: (d) => d.visits.windowOpen },
  due_30: { label: "dashboard.visits.dueIn30Days", count: (d) => d.visits.dueIn30Days },
  due_90: { label: "dashboard.visits.dueIn90Days", count: (d) => d.visits.dueIn90Days },
  active: { label: "subjects.status.active", count: (d) => d.subjects.active },
  completed: { label: "subjects.status.completed", count: (d) => d.subjects.completed },
  withdrawn: { label: "subjects.status.withdrawn", count: (d) => d.subjects.withdrawn },
  lost_to_follow_up: { label: "subjects.status.lost_to_follow_up", count: (d) => d.subjects.lost_to_follow_up },
  died: { label: "subjects.status.died", count: (d) => d.subjects.died },
  reconsent_due: { label: "dashboard.reconsentDue", count: (d) => d.reconsentDue },
  extension: { label: "dashboard.extension", count: (d) => d.followUp.extension },
  nearing_end: { label: "dashboard.nearingEnd", count: (d) => d.followUp.nearingEnd },
  escalations_open: { label: "dashboard.escalations.open", count: (d) => d.escalations.open },
  escalations_overdue: { label: "dashboard.escalations.overdue", count: (d) => d.escalations.overdue },
  ae_serious: { label: "dashboard.ae.serious", count: (d) => d.adverseEvents.serious },
  ae_malignancy: { label: "dashboard.ae.malignancies", count: (d) => d.adverseEvents.malignancies },
  queries_open: { label: "dashboard.queries.open", count: (d) => d.queries.open },
  queries_answered: { label: "dashboard.queries.answered", count: (d) => d.queries.answered },
};


/** The cards of numbers, in order: each number as [the list it links to, its test id]. */
const TILE_SECTIONS: Array<{ id: string; title: MessageKey; tiles: Array<[TDashboardList, string]> }> = [
  { id: "d-visits", title: "dashboard.visits", tiles: [["overdue", "dashboard-overdue"], ["window_open", "dashboard-window-open"], ["due_30", "dashboard-due-30"], ["due_90", "dashboard-due-90"]] },
  { id: "d-subjects", title: "dashboard.subjects", tiles: (["active", "completed", "withdrawn", "lost_to_follow_up", "died"] as const).map((status) => [status, `dashboard-subjects-${status}`]) },
  { id: "d-safety", title: "dashboard.safety", tiles: [["escalations_open", "dashboard-escalations-open"], ["escalations_overdue", "dashboard-escalations-overdue"], ["ae_serious", "dashboard-ae-serious"], ["ae_malignancy", "dashboard-ae-malignancy"]] },
  { id: "d-follow-up", title: "dashboard.followUp", tiles: [["reconsent_due", "dashboard-reconsent"], ["extension", "dashboard-extension"], ["nearing_end", "dashboard-nearing-end"]] },
  { id: "d-queries", title: "dashboard.queries", tiles: [["queries_open", "dashboard-queries-open"], ["queries_answered", "dashboard-queries-answered"]] },
];

const SORT_LABEL: Record<TDashboardSort, MessageKey> = {
  subject: "dashboard.list.subject",
  study: "dashboard.list.study",
  site: "dashboard.list.site",
  item: "dashboard.list.item",
  date: "dashboard.list.date",
  daysOverdue: "dashboard.list.daysOverdue",
};

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
  const { params, refused } = parseSearchParams(ZDashboardParams, raw);
  const locale = await getLocale();
  const badFields = refused.map(({ field, message }) => `${field}: ${translateFieldError(locale, message)}`);
  const asOf = params.asOf ?? todayCalendarDate();
  const db = getDb();
  const studies = await listStudies(db, { actor });
  if (params.study && !studies.some((s) => s.id === params.study)) notFound();
  const scope: DashboardScope = { actor, asOf, studyId: params.study };
  // The page opens on the overdue visits: what a monitor looks at first.
  const shownList = params.list ?? "overdue";

  // The study's exports (#15): the server decides what shows — the files and the DSUR for a reader
  // of reports and exports at any of their sites, the calendars of the sites they may read.
  const canExport = params.study !== undefined && hasPermission(actor, "report:read", AT_ANY_OWN_SITE) && hasPermission(actor, "export:read", AT_ANY_OWN_SITE);

  const [dashboard, escalationsByKind, retention, onTime, escalationsByQuarter, list, exportSites] = await Promise.all([
    getDashboard(db, scope),
    getOpenEscalationsByKind(db, scope),
    getRetentionByYear(db, scope),
    getOnTimeRateByQuarter(db, scope),
    getEscalationsByQuarter(db, scope),
    listDashboardItems(db, { ...scope, list: shownList, siteId: params.site, item: params.item, minDaysOverdue: params.minDays, sort: params.sort, direction: params.dir, page: params.page }),
    canExport ? listStudySitesInScope(db, { actor, studyId: params.study! }) : Promise.resolve([]),
  ]);
  const calendarSites = exportSites.filter((site) => hasPermission(actor, "calendar:read", { siteId: site.id }));

  const tileHref = (list: TDashboardList) => href(params, { list, page: undefined, site: undefined, item: undefined, minDays: undefined }, "#list");

  return (
    <section data-testid={testId} className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("dashboard.title")}</h1>
        <p className="mt-2 text-slate-700">{t("dashboard.intro")}</p>
        <form key={href(params, {})} method="get" action={basePath} className="mt-3 flex flex-wrap items-end gap-3" aria-label={t("dashboard.apply")}>
          <FilterSelect id="dashboard-study" name="study" label={t("dashboard.study")} anyLabel={t("dashboard.allStudies")} value={params.study} options={studies.map((study) => ({ value: study.id, label: `${study.protocolNumber} — ${study.title}` }))} />
          <FilterInput id="dashboard-as-of" name="asOf" type="date" label={t("dashboard.asOf")} value={asOf} />
          <button type="submit" className="btn-secondary">
            {t("dashboard.apply")}
          </button>
        </form>
        <BadParams messages={badFields} />
      </div>

      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {TILE_SECTIONS.map((section) => (
          <TileSection
            key={section.id}
            id={section.id}
            title={t(section.title)}
            href={tileHref}
            t={t}
            tiles={section.tiles.map(([list, tileTestId]) => ({ label: LISTS[list].label, list, value: LISTS[list].count(dashboard), testId: tileTestId }))}
          >
            {section.id === "d-visits" ? (
              <div className="col-span-2">
                <dt className="text-sm text-slate-600" title={t("dashboard.onTimeRate.help")}>
                  {t("dashboard.onTimeRate")}
                </dt>
                <dd className="text-2xl font-semibold" data-testid="dashboard-on-time">
                  {percent(dashboard.onTimeRate) ?? t("dashboard.noRate")}
                </dd>
                <dd className="text-xs text-slate-500">{t("dashboard.onTimeRate.help")}</dd>
              </div>
            ) : null}
          </TileSection>
        ))}
        <SitesTable dashboard={dashboard} params={params} href={href} t={t} />
      </div>

      {list ? (
        <section id="list" className="card flex flex-col gap-3" aria-labelledby="list-heading" data-testid="dashboard-list">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="list-heading" className="text-lg font-semibold">
              {t("dashboard.list.title", { name: t(LISTS[shownList].label) })}
            </h2>
            <Link className="text-sm text-blue-700 underline" href={href(params, { list: undefined, site: undefined, item: undefined, minDays: undefined, sort: undefined, dir: undefined, page: undefined })}>
              {t("dashboard.list.close")}
            </Link>
          </div>
          <form key={href(params, {})} method="get" action={`${basePath}#list`} className="flex flex-wrap items-end gap-3" aria-label={t("dashboard.list.filter")}>
            {(["study", "asOf", "list", "sort", "dir"] as const).map((key) => (params[key] !== undefined ? <input key={key} type="hidden" name={key} value={String(params[key])} /> : null))}
            <FilterSelect id="list-site" name="site" label={t("dashboard.list.filterSite")} anyLabel={t("dashboard.list.anySite")} value={params.site} options={dashboard.sites.map((site) => ({ value: site.siteId, label: site.code }))} />
            <FilterInput id="list-item" name="item" label={t("dashboard.list.filterVisit")} value={params.item} />
            <FilterInput id="list-min-days" name="minDays" type="number" min={0} label={t("dashboard.list.filterMinDays")} value={params.minDays} />
            <button type="submit" className="btn-secondary">
              {t("dashboard.list.filter")}
            </button>
          </form>
          <ListTable list={list} listName={shownList} params={params} href={href} testId={`monitor-${shownList.replaceAll("_", "-")}`} t={t} />
        </section>
      ) : null}

      <TableSection
        id="d-escalations-kind"
        title={t("dashboard.escalationsByKind")}
        testId="dashboard-escalations-by-kind"
        emptyText={t("dashboard.none")}
        columns={[t("safety.escalations.trigger"), t("dashboard.age.upTo30"), t("dashboard.age.upTo90"), t("dashboard.age.over90"), t("safety.escalations.overdue")]}
        rows={escalationsByKind.map((row) => ({ key: row.trigger, cells: [t(`trigger.${row.trigger}` as MessageKey), row.upTo30, row.upTo90, row.over90, row.overdue] }))}
      />

      <section aria-labelledby="d-charts" className="flex flex-col gap-4">
        <h2 id="d-charts" className="text-lg font-semibold">
          {t("dashboard.charts")}
        </h2>
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <BarChart
            id="chart-retention"
            title={t("dashboard.chart.retention")}
            emptyText={t("dashboard.chart.empty")}
            legend={[t("dashboard.chart.retention.active"), t("dashboard.chart.retention.reached")]}
            data={retention.map((r) => ({ label: String(r.year), value: r.active, background: r.reached }))}
            table={
              <ChartTable
                caption={t("dashboard.chart.retention")}
                columns={[t("dashboard.chart.retention.year"), t("dashboard.chart.retention.reached"), t("dashboard.chart.retention.active")]}
                rows={retention.map((r) => ({ key: String(r.year), cells: [r.year, r.reached, r.active] }))}
              />
            }
          />
          <OnTimeChart rows={onTime} quarters={escalationsByQuarter.map((q) => q.quarter)} t={t} />
          <BarChart
            id="chart-escalations"
            title={t("dashboard.chart.escalations")}
            emptyText={t("dashboard.chart.empty")}
            data={escalationsByQuarter.map((q) => ({ label: q.quarter, value: q.opened }))}
            table={
              <ChartTable
                caption={t("dashboard.chart.escalations")}
                columns={[t("dashboard.chart.quarter"), t("dashboard.chart.escalations.opened")]}
                rows={escalationsByQuarter.map((q) => ({ key: q.quarter, cells: [q.quarter, q.opened] }))}
              />
            }
          />
        </div>
      </section>

      {canExport ? (
        <StudyExportsLinks studyId={params.study!} sites={calendarSites} t={t} />
      ) : params.study === undefined && hasPermission(actor, "export:read", AT_ANY_OWN_SITE) ? (
        <p className="text-sm text-slate-600" data-testid="dashboard-exports-hint">
          {t("dashboard.exportsHint")}
        </p>
      ) : null}
    </section>
  );
}

type T = Awaited<ReturnType<typeof getTranslator>>;

interface Tile {
  label: MessageKey;
  list: TDashboardList;
  value: number;
  testId: string;
}

/** A card of numbers, each a link to the list behind it (`#list`); `children` adds terms that are not links. */
function TileSection({ id, title, tiles, href, t, children }: { id: string; title: string; tiles: Tile[]; href: (list: TDashboardList) => string; t: T; children?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      <dl className="mt-2 grid grid-cols-2 gap-3">
        {tiles.map((tile) => (
          <div key={tile.testId} className="flex flex-col">
            <dt className="text-sm text-slate-600">{t(tile.label)}</dt>
            <dd>
              <Link className="text-2xl font-semibold text-blue-800 underline decoration-dotted" href={href(tile.list)} data-testid={tile.testId}>
                {tile.value}
              </Link>
            </dd>
          </div>
        ))}
        {children}
      </dl>
    </section>
  );
}

/** A chart's data table: read by screen readers and printed instead of the drawing; the first cell of a row heads it. */
function ChartTable({ caption, columns, rows }: { caption: string; columns: string[]; rows: Array<{ key: string; cells: [ReactNode, ...ReactNode[]] }> }) {
  return (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, cells: [head, ...rest] }) => (
          <tr key={key}>
            <th scope="row">{head}</th>
            {rest.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Href = (params: TDashboardParams, changes: Partial<Record<keyof TDashboardParams, string | number | undefined>>, hash?: string) => string;

function SitesTable({ dashboard, params, href, t }: { dashboard: Dashboard; params: TDashboardParams; href: Href; t: T }) {
  const link = (value: number, changes: Partial<Record<keyof TDashboardParams, string | number | undefined>>) => (
    <Link className="text-blue-700 underline" href={href(params, { ...changes, page: undefined }, "#list")}>
      {value}
    </Link>
  );
  return (
    <TableSection
      id="d-sites"
      title={t("dashboard.sites")}
      testId="dashboard-sites"
      emptyText={t("dashboard.none")}
      columns={[t("dashboard.site"), t("dashboard.site.subjects"), t("dashboard.site.overdue"), t("dashboard.onTimeRate")]}
      rows={dashboard.sites.map((site) => ({
        key: site.siteId,
        cells: [site.code, link(site.subjects, { list: "active", site: site.siteId }), link(site.overdue, { list: "overdue", site: site.siteId }), percent(site.onTimeRate) ?? t("dashboard.noRate")],
      }))}
    />
  );
}

/** A card with a heading and a plain table of rows (or a line saying there is nothing). */
function TableSection({ id, title, testId, emptyText, columns, rows }: { id: string; title: string; testId: string; emptyText: string; columns: string[]; rows: Array<{ key: string; cells: ReactNode[] }> }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="font-semibold">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <table className="table mt-2" data-testid={testId}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
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
  const listCell = (row: (typeof list.rows)[number], column: TDashboardSort): ReactNode => {
    switch (column) {
      case "subject":
        return (
          <Link className="text-blue-700 underline" href={`/subjects/${row.subjectId}`}>
            {row.subjectCode}
          </Link>
        );
      case "site":
        return row.siteCode;
      case "study":
        return row.protocolNumber;
      case "item":
        return itemLabel(row.item);
      case "date":
        return row.date ? calendarDateFromDb(row.date) : "—";
      case "daysOverdue":
        return (
          <>
            {row.daysOverdue ?? "—"}
            {row.ageDays !== null ? <span className="ml-2 text-xs text-slate-600">{t("queries.age", { days: row.ageDays })}</span> : null}
          </>
        );
    }
  };
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
              {/* One cell per sortable column, in the columns' order. */}
              {DASHBOARD_SORTS.map((column) => (
                <td key={column}>{listCell(row, column)}</td>
              ))}
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
        <ChartTable
          caption={t("dashboard.chart.onTime")}
          columns={[t("dashboard.site"), t("dashboard.chart.quarter"), t("dashboard.chart.onTime.rate"), t("dashboard.chart.onTime.due")]}
          rows={rows.map((r) => ({ key: `${r.siteCode}|${r.quarter}`, cells: [r.siteCode, r.quarter, percent(r.rate) ?? "—", r.due] }))}
        />
      }
    />
  );
}
