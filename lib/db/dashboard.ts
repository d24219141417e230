import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { studySiteScopeSql, subjectScopeSql } from "@/lib/db/visit-status";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TDashboardList, TDashboardSort } from "@/lib/validation/dashboard";

/**
 * The monitoring dashboard (CLINICAL-API-CONTRACT "Dashboard"), shared by
 * `GET /api/v1/studies/{studyId}/dashboard` and the /monitor page: set-based SQL over the
 * stored schedule rows (status by `ltfu_visit_status`, the SQL twin of lib/schedule), the
 * subjects, escalations, adverse events and queries in the caller's scope. A handful of
 * queries whatever the number of subjects; nothing is cached (safety data).
 */

export interface DashboardScope {
  actor: Actor;
  asOf: string;
  /** One study, or every study in the actor's scope. */
  studyId?: string;
  siteId?: string;
}

export const SUBJECT_STATUSES = ["active", "completed", "withdrawn", "lost_to_follow_up", "died"] as const;

export interface DashboardSite {
  siteId: string;
  code: string;
  subjects: number;
  overdue: number;
  onTimeRate: number | null;
}

export interface Dashboard {
  asOf: string;
  subjects: Record<(typeof SUBJECT_STATUSES)[number], number>;
  visits: { overdue: number; windowOpen: number; dueIn30Days: number; dueIn90Days: number };
  onTimeRate: number | null;
  escalations: { open: number; overdue: number };
  queries: { open: number; answered: number };
  reconsentDue: number;
  adverseEvents: { serious: number; malignancies: number };
  followUp: { extension: number; nearingEnd: number };
  sites: DashboardSite[];
}

/** The subjects in scope, as a CTE body (`s` rows of "subject"). */
function scopedSubjectsSql(scope: DashboardScope): Prisma.Sql {
  return Prisma.sql`SELECT s.* FROM "subject" s WHERE ${subjectScopeSql(scope.actor)}
    ${scope.studyId ? Prisma.sql`AND s."studyId" = ${scope.studyId}` : Prisma.empty}
    ${scope.siteId ? Prisma.sql`AND s."siteId" = ${scope.siteId}` : Prisma.empty}`;
}

/** The (study, site) pairs in scope, as a CTE body (studySiteScopeSql, then the scope's study and site). */
function scopedSitesSql(scope: DashboardScope): Prisma.Sql {
  return studySiteScopeSql(scope.actor, scope);
}

/**
 * The open visits (not recorded, still required: migration 20261127010000) of the pairs in CTE
 * `p` whose window starts on or before `asOf` + 90 days, through scheduled_visit_open_idx. At
 * `asOf` an open visit is overdue when its window has ended, in window when it has started, else
 * upcoming (ltfu_visit_status for a row without record and still required); every visit due
 * within 90 days has its window start in this range.
 */
function openVisitsSql(asOf: string): Prisma.Sql {
  return Prisma.sql`SELECT sv."id", sv."subjectId", sv."studyId", sv."siteId", sv."visitId", sv."targetDate", sv."windowStart", sv."windowEnd"
    FROM p JOIN "scheduled_visit" sv ON sv."siteId" = p."siteId" AND sv."studyId" = p."studyId"
    WHERE sv."open" AND sv."windowStart" <= ${asOf}::date + 90`;
}

/**
 * A subject's end of follow-up at `asOf` (SCHEDULE-CONTRACT): dosing + `durationMonths` of the
 * plan version governing at `asOf` — the latest applied one effective on or before it, else
 * the earliest. PostgreSQL's month arithmetic keeps the contract's last-day-of-month rule.
 */
function followUpEndSql(asOf: string): Prisma.Sql {
  return Prisma.sql`(SELECT (s."dosingDate" + make_interval(months => (pv."plan"->>'durationMonths')::int))::date
      FROM "plan_version" pv
      WHERE pv."studyId" = s."studyId" AND pv."status" IN ('ACTIVE', 'SUPERSEDED') AND pv."effectiveDate" IS NOT NULL
      ORDER BY (pv."effectiveDate" <= ${asOf}::date) DESC, CASE WHEN pv."effectiveDate" <= ${asOf}::date THEN pv."effectiveDate" END DESC, pv."effectiveDate" ASC
      LIMIT 1)`;
}

/** An active subject under extended follow-up: extension events on the schedule, or its escalation open. */
const UNDER_EXTENSION = Prisma.sql`s."status" = 'active' AND (
    EXISTS (SELECT 1 FROM "scheduled_visit" x WHERE x."subjectId" = s."id" AND x."source" = 'extension')
    OR EXISTS (SELECT 1 FROM "escalation" e WHERE e."subjectId" = s."id" AND e."trigger" = 'persistence_at_period_end' AND e."status" = 'open'))`;

function rate(onTime: number, due: number): number | null {
  return due === 0 ? null : onTime / due;
}

const int = (value: unknown) => Number(value ?? 0);

/**
 * The governing plan's follow-up duration per study at `asOf` (see followUpEndSql): the same
 * for every subject of a study, so computed once per study rather than once per subject.
 */
function followUpMonthsSql(asOf: string): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT ON (pv."studyId") pv."studyId", (pv."plan"->>'durationMonths')::int AS "months"
    FROM "plan_version" pv
    WHERE pv."studyId" IN (SELECT "studyId" FROM p) AND pv."status" IN ('ACTIVE', 'SUPERSEDED') AND pv."effectiveDate" IS NOT NULL
    ORDER BY pv."studyId", (pv."effectiveDate" <= ${asOf}::date) DESC, CASE WHEN pv."effectiveDate" <= ${asOf}::date THEN pv."effectiveDate" END DESC, pv."effectiveDate" ASC`;
}

/**
 * The dashboard numbers for the scope at `asOf`: five queries, none of which reads the recorded
 * history row by row (docs/decisions/010-program-scale.md). Visit counts: the open visits near
 * `asOf` (scheduled_visit_open_idx) and the per-month summary of recorded visits (visit_summary,
 * kept by triggers in the same transaction as the records); equal to ltfu_visit_status over
 * every row, which the integration tests hold against the pure engine.
 */
export async function getDashboard(db: Db, scope: DashboardScope): Promise<Dashboard> {
  const { asOf, actor } = scope;
  const pairs = scopedSitesSql(scope);
  const [sites, visitRows, subjectRows, safety, queries] = await Promise.all([
    db.$queryRaw<Array<{ siteId: string; code: string }>>(Prisma.sql`
      SELECT DISTINCT si."id" AS "siteId", si."code"
      FROM "study_site" ss JOIN "site" si ON si."id" = ss."siteId" JOIN "study" st ON st."id" = ss."studyId"
      WHERE st."organizationId" = ${actor.organizationId}
        ${actor.role === "SPONSOR_ADMIN" ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM "study_member" m WHERE m."studyId" = st."id" AND m."userId" = ${actor.id} AND m."endedAt" IS NULL)`}
        ${actor.role === "INVESTIGATOR" ? Prisma.sql`AND si."id" = ANY(${actor.siteIds}::text[])` : Prisma.empty}
        ${scope.studyId ? Prisma.sql`AND st."id" = ${scope.studyId}` : Prisma.empty}
        ${scope.siteId ? Prisma.sql`AND si."id" = ${scope.siteId}` : Prisma.empty}
      ORDER BY si."code"`),
    db.$queryRaw<Array<{ siteId: string; overdue: number; windowOpen: number; due30: number; due90: number; onTime: number; due: number }>>(Prisma.sql`
      WITH p AS (${pairs}),
      open AS (
        SELECT o."siteId",
          count(*) FILTER (WHERE o."windowEnd" < ${asOf}::date)::int AS "overdue",
          count(*) FILTER (WHERE o."windowStart" <= ${asOf}::date AND o."windowEnd" >= ${asOf}::date)::int AS "windowOpen",
          count(*) FILTER (WHERE o."targetDate" BETWEEN ${asOf}::date AND ${asOf}::date + 30)::int AS "due30",
          count(*) FILTER (WHERE o."targetDate" BETWEEN ${asOf}::date AND ${asOf}::date + 90)::int AS "due90"
        FROM (${openVisitsSql(asOf)}) o GROUP BY o."siteId"),
      recorded AS (
        SELECT vs."siteId", sum(vs."onTime")::int AS "onTime", sum(vs."completed" + vs."missed")::int AS "recorded"
        FROM p JOIN "visit_summary" vs ON vs."studyId" = p."studyId" AND vs."siteId" = p."siteId"
        GROUP BY vs."siteId")
      SELECT COALESCE(o."siteId", r."siteId") AS "siteId",
        COALESCE(o."overdue", 0) AS "overdue", COALESCE(o."windowOpen", 0) AS "windowOpen", COALESCE(o."due30", 0) AS "due30", COALESCE(o."due90", 0) AS "due90",
        COALESCE(r."onTime", 0) AS "onTime", (COALESCE(r."recorded", 0) + COALESCE(o."overdue", 0))::int AS "due"
      FROM open o FULL JOIN recorded r ON r."siteId" = o."siteId"`),
    // Subjects by site and status from subject_summary; nearing the end of follow-up through
    // subject_dashboard_idx; the few subjects under extended follow-up (extension rows, open
    // period-end escalations) looked up by id.
    db.$queryRaw<Array<{ siteId: string; status: string; subjects: number; reconsentDue: number; extension: number; nearingEnd: number }>>(Prisma.sql`
      WITH p AS (${pairs}),
      consent AS (SELECT cv."studyId", max(cv."version") AS "version" FROM "consent_version" cv WHERE cv."studyId" IN (SELECT "studyId" FROM p) AND cv."status" = 'ACTIVE' GROUP BY cv."studyId"),
      duration AS (${followUpMonthsSql(asOf)}),
      -- subject_summary: subjects per study, site, status and consent version, kept by triggers.
      counted AS (
        SELECT ss."siteId", ss."status", sum(ss."subjects")::int AS "subjects",
          (sum(ss."subjects") FILTER (WHERE ss."status" = 'active' AND ss."consentVersion" < c."version"))::int AS "reconsentDue"
        FROM p JOIN "subject_summary" ss ON ss."studyId" = p."studyId" AND ss."siteId" = p."siteId"
        LEFT JOIN consent c ON c."studyId" = ss."studyId"
        GROUP BY ss."siteId", ss."status"
        HAVING sum(ss."subjects") > 0),
      -- Active subjects whose follow-up ends within 6 months of asOf: dosing + duration is
      -- monotone in the dosing date, so the dosing dates form a range (a week wider on each side
      -- for month-end rounding), read through subject_dashboard_idx, then the exact test.
      nearing AS (
        SELECT s."siteId", count(*)::int AS "nearingEnd"
        FROM duration d JOIN "subject" s ON s."studyId" = d."studyId"
        WHERE s."status" = 'active'
          AND s."dosingDate" BETWEEN (${asOf}::date - make_interval(months => d."months"))::date - 7 AND ((${asOf}::date + interval '6 months')::date - make_interval(months => d."months"))::date + 7
          AND (s."dosingDate" + make_interval(months => d."months"))::date BETWEEN ${asOf}::date AND (${asOf}::date + interval '6 months')::date
          AND ${subjectScopeSql(actor)}
          ${scope.studyId ? Prisma.sql`AND s."studyId" = ${scope.studyId}` : Prisma.empty}
          ${scope.siteId ? Prisma.sql`AND s."siteId" = ${scope.siteId}` : Prisma.empty}
        GROUP BY s."siteId"),
      extended AS (
        SELECT s."siteId", count(*)::int AS "extension"
        FROM "subject" s
        WHERE s."id" IN (
            SELECT x."subjectId" FROM "scheduled_visit" x WHERE x."source" = 'extension'
            UNION
            SELECT e."subjectId" FROM p JOIN "escalation" e ON e."studyId" = p."studyId" AND e."siteId" = p."siteId" WHERE e."trigger" = 'persistence_at_period_end' AND e."status" = 'open')
          AND s."status" = 'active' AND ${subjectScopeSql(actor)}
          ${scope.studyId ? Prisma.sql`AND s."studyId" = ${scope.studyId}` : Prisma.empty}
          ${scope.siteId ? Prisma.sql`AND s."siteId" = ${scope.siteId}` : Prisma.empty}
        GROUP BY s."siteId")
      SELECT c."siteId", c."status", c."subjects", COALESCE(c."reconsentDue", 0) AS "reconsentDue",
        CASE WHEN c."status" = 'active' THEN COALESCE(n."nearingEnd", 0) ELSE 0 END AS "nearingEnd",
        CASE WHEN c."status" = 'active' THEN COALESCE(x."extension", 0) ELSE 0 END AS "extension"
      FROM counted c LEFT JOIN extended x ON x."siteId" = c."siteId" LEFT JOIN nearing n ON n."siteId" = c."siteId"`),
    db.$queryRaw<Array<{ openEscalations: number; overdueEscalations: number; serious: number; malignancies: number }>>(Prisma.sql`
      WITH p AS (${pairs})
      SELECT
        (SELECT count(*) FROM p JOIN "escalation" e ON e."studyId" = p."studyId" AND e."siteId" = p."siteId" WHERE e."status" = 'open' AND e."openedDate" <= ${asOf}::date)::int AS "openEscalations",
        (SELECT count(*) FROM p JOIN "escalation" e ON e."studyId" = p."studyId" AND e."siteId" = p."siteId" WHERE e."status" = 'open' AND e."openedDate" <= ${asOf}::date AND e."dueDate" < ${asOf}::date)::int AS "overdueEscalations",
        (SELECT count(*) FROM p JOIN "adverse_event" a ON a."studyId" = p."studyId" AND a."siteId" = p."siteId" WHERE a."serious" AND a."onsetDate" <= ${asOf}::date)::int AS "serious",
        (SELECT count(*) FROM p JOIN "adverse_event" a ON a."studyId" = p."studyId" AND a."siteId" = p."siteId" WHERE a."category" = 'malignancy' AND a."onsetDate" <= ${asOf}::date)::int AS "malignancies"`),
    db.$queryRaw<Array<{ status: string; count: number }>>(Prisma.sql`
      WITH p AS (${pairs})
      SELECT q."status", count(*)::int AS "count" FROM p JOIN "query" q ON q."studyId" = p."studyId" AND q."siteId" = p."siteId" WHERE q."status" IN ('open', 'answered') GROUP BY q."status"`),
  ]);

  const subjects = Object.fromEntries(SUBJECT_STATUSES.map((status) => [status, 0])) as Dashboard["subjects"];
  const perSite = new Map<string, { subjects: number; overdue: number; onTime: number; due: number }>(sites.map((site) => [site.siteId, { subjects: 0, overdue: 0, onTime: 0, due: 0 }]));
  const site = (siteId: string) => perSite.get(siteId) ?? perSite.set(siteId, { subjects: 0, overdue: 0, onTime: 0, due: 0 }).get(siteId)!;
  let reconsentDue = 0;
  let extension = 0;
  let nearingEnd = 0;
  for (const row of subjectRows) {
    if (row.status in subjects) subjects[row.status as keyof Dashboard["subjects"]] += int(row.subjects);
    site(row.siteId).subjects += int(row.subjects);
    reconsentDue += int(row.reconsentDue);
    extension += int(row.extension);
    nearingEnd += int(row.nearingEnd);
  }
  const visits = { overdue: 0, windowOpen: 0, dueIn30Days: 0, dueIn90Days: 0 };
  let onTime = 0;
  let due = 0;
  for (const row of visitRows) {
    visits.overdue += int(row.overdue);
    visits.windowOpen += int(row.windowOpen);
    visits.dueIn30Days += int(row.due30);
    visits.dueIn90Days += int(row.due90);
    onTime += int(row.onTime);
    due += int(row.due);
    const s = site(row.siteId);
    s.overdue += int(row.overdue);
    s.onTime += int(row.onTime);
    s.due += int(row.due);
  }
  const codes = new Map(sites.map((s) => [s.siteId, s.code]));
  const safetyRow = safety[0];
  return {
    asOf,
    subjects,
    visits,
    onTimeRate: rate(onTime, due),
    escalations: { open: int(safetyRow?.openEscalations), overdue: int(safetyRow?.overdueEscalations) },
    queries: { open: int(queries.find((q) => q.status === "open")?.count), answered: int(queries.find((q) => q.status === "answered")?.count) },
    reconsentDue,
    adverseEvents: { serious: int(safetyRow?.serious), malignancies: int(safetyRow?.malignancies) },
    followUp: { extension, nearingEnd },
    sites: [...perSite.entries()]
      .filter(([siteId]) => codes.has(siteId))
      .map(([siteId, s]) => ({ siteId, code: codes.get(siteId)!, subjects: s.subjects, overdue: s.overdue, onTimeRate: rate(s.onTime, s.due) })),
  };
}

// ----------------------------------------------------------------------------------------
// The lists behind the numbers: one paginated, sortable, filterable query per list.

export { DASHBOARD_LISTS, DASHBOARD_SORTS } from "@/lib/validation/dashboard";
export type DashboardList = TDashboardList;
export type DashboardSort = TDashboardSort;

export interface DashboardListQuery extends DashboardScope {
  list: DashboardList;
  /** Item filter: the visit id (visits, exact), trigger (escalations), term (AEs), target (queries) (substring); case-insensitive. */
  item?: string;
  minDaysOverdue?: number;
  sort?: DashboardSort;
  direction?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

export interface DashboardListRow {
  key: string;
  subjectId: string;
  subjectCode: string;
  studyId: string;
  protocolNumber: string;
  siteId: string;
  siteCode: string;
  /** The visit id, escalation trigger, AE term, query target or subject status. */
  item: string;
  /** Target date, opened date, onset date, raise date, or status date. */
  date: Date | null;
  daysOverdue: number | null;
  /** Days since opened or raised at `asOf`: escalations and queries. */
  ageDays: number | null;
}

function listSourceSql(query: DashboardListQuery): Prisma.Sql {
  const asOf = Prisma.sql`${query.asOf}::date`;
  // Open visits only: overdue, in window and due are statuses of unrecorded, required visits.
  const visits = (condition: Prisma.Sql) => Prisma.sql`
    SELECT v."id" AS "key", v."subjectId", v."visitId" AS "item", v."targetDate" AS "date",
      CASE WHEN v."windowEnd" < ${asOf} THEN ${asOf} - v."windowEnd" END AS "daysOverdue"
    FROM (${openVisitsSql(query.asOf)}) v WHERE ${condition}`;
  const subjects = (condition: Prisma.Sql) => Prisma.sql`
    SELECT s."id" AS "key", s."id" AS "subjectId", s."status" AS "item", COALESCE(s."statusDate", s."dosingDate") AS "date", NULL::int AS "daysOverdue"
    FROM scoped s WHERE ${condition}`;
  const escalations = (condition: Prisma.Sql) => Prisma.sql`
    SELECT e."id" AS "key", e."subjectId", e."trigger" AS "item", e."openedDate" AS "date",
      CASE WHEN e."dueDate" < ${asOf} THEN ${asOf} - e."dueDate" END AS "daysOverdue"
    FROM "escalation" e JOIN scoped s ON s."id" = e."subjectId" WHERE e."status" = 'open' AND e."openedDate" <= ${asOf} AND ${condition}`;
  const adverseEvents = (condition: Prisma.Sql) => Prisma.sql`
    SELECT a."id" AS "key", a."subjectId", a."term" AS "item", a."onsetDate" AS "date", NULL::int AS "daysOverdue"
    FROM "adverse_event" a JOIN scoped s ON s."id" = a."subjectId" WHERE a."onsetDate" <= ${asOf} AND ${condition}`;
  const queries = (status: string) => Prisma.sql`
    SELECT q."id" AS "key", q."subjectId", q."targetLabel" AS "item", q."createdAt"::date AS "date", NULL::int AS "daysOverdue"
    FROM "query" q JOIN scoped s ON s."id" = q."subjectId" WHERE q."status" = ${status}`;
  switch (query.list) {
    case "overdue":
      return visits(Prisma.sql`v."windowEnd" < ${asOf}`);
    case "window_open":
      return visits(Prisma.sql`v."windowStart" <= ${asOf} AND v."windowEnd" >= ${asOf}`);
    case "due_30":
      return visits(Prisma.sql`v."targetDate" BETWEEN ${asOf} AND ${asOf} + 30`);
    case "due_90":
      return visits(Prisma.sql`v."targetDate" BETWEEN ${asOf} AND ${asOf} + 90`);
    case "active":
    case "completed":
    case "withdrawn":
    case "lost_to_follow_up":
    case "died":
      return subjects(Prisma.sql`s."status" = ${query.list}`);
    case "reconsent_due":
      return subjects(
        Prisma.sql`s."status" = 'active' AND s."consentVersion" < (SELECT max(cv."version") FROM "consent_version" cv WHERE cv."studyId" = s."studyId" AND cv."status" = 'ACTIVE')`,
      );
    case "extension":
      return subjects(UNDER_EXTENSION);
    case "nearing_end":
      return subjects(Prisma.sql`s."status" = 'active' AND ${followUpEndSql(query.asOf)} BETWEEN ${asOf} AND (${asOf} + interval '6 months')::date`);
    case "escalations_open":
      return escalations(Prisma.sql`TRUE`);
    case "escalations_overdue":
      return escalations(Prisma.sql`e."dueDate" < ${asOf}`);
    case "ae_serious":
      return adverseEvents(Prisma.sql`a."serious"`);
    case "ae_malignancy":
      return adverseEvents(Prisma.sql`a."category" = 'malignancy'`);
    case "queries_open":
      return queries("open");
    case "queries_answered":
      return queries("answered");
  }
}

const SORT_COLUMN: Record<DashboardSort, Prisma.Sql> = {
  subject: Prisma.sql`s."code"`,
  site: Prisma.sql`si."code"`,
  study: Prisma.sql`st."protocolNumber"`,
  item: Prisma.sql`x."item"`,
  date: Prisma.sql`x."date"`,
  daysOverdue: Prisma.sql`x."daysOverdue"`,
};

export const DASHBOARD_PAGE_SIZE = 25;

const VISIT_LISTS: ReadonlySet<DashboardList> = new Set(["overdue", "window_open", "due_30", "due_90"]);

/** A visit id matches exactly (case-insensitive); other items (trigger, term, target) by substring. */
function itemFilterSql(query: DashboardListQuery): Prisma.Sql {
  const item = query.item?.trim();
  if (!item) return Prisma.empty;
  if (VISIT_LISTS.has(query.list)) return Prisma.sql`AND upper(x."item") = upper(${item})`;
  return Prisma.sql`AND x."item" ILIKE ${`%${item.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
}

/** One page of the list behind a dashboard number, with the total: one query. */
export async function listDashboardItems(db: Db, query: DashboardListQuery): Promise<{ rows: DashboardListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? DASHBOARD_PAGE_SIZE, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const direction = query.direction === "desc" ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS LAST`;
  const rows = await db.$queryRaw<Array<DashboardListRow & { total: number }>>(Prisma.sql`
    WITH scoped AS (${scopedSubjectsSql(query)}), p AS (${scopedSitesSql(query)})
    SELECT x."key", x."subjectId", s."code" AS "subjectCode", s."studyId", st."protocolNumber", s."siteId", si."code" AS "siteCode",
      x."item", x."date", x."daysOverdue"::int AS "daysOverdue",
      ${query.list.startsWith("escalations_") || query.list.startsWith("queries_") ? Prisma.sql`GREATEST(0, ${query.asOf}::date - x."date")::int` : Prisma.sql`NULL::int`} AS "ageDays",
      (count(*) OVER ())::int AS "total"
    FROM (${listSourceSql(query)}) x
    JOIN scoped s ON s."id" = x."subjectId"
    JOIN "study" st ON st."id" = s."studyId"
    JOIN "site" si ON si."id" = s."siteId"
    WHERE TRUE
      ${itemFilterSql(query)}
      ${query.minDaysOverdue !== undefined ? Prisma.sql`AND x."daysOverdue" >= ${query.minDaysOverdue}` : Prisma.empty}
    ORDER BY ${SORT_COLUMN[query.sort ?? "date"]} ${direction}, s."code" ASC, x."key" ASC
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  const total = rows[0]?.total ?? (page > 1 ? (await listDashboardItems(db, { ...query, page: 1, pageSize: 1 })).total : 0);
  return {
    rows: rows.map((row) => ({ key: row.key, subjectId: row.subjectId, subjectCode: row.subjectCode, studyId: row.studyId, protocolNumber: row.protocolNumber, siteId: row.siteId, siteCode: row.siteCode, item: row.item, date: row.date, daysOverdue: row.daysOverdue, ageDays: row.ageDays })),
    total,
    page,
    pageSize,
  };
}

// ----------------------------------------------------------------------------------------
// Chart series.

export interface QuarterPoint {
  /** e.g. 2026-Q3 */
  quarter: string;
}

/** The last 8 calendar quarters ending with the one holding `asOf`, oldest first. */
function lastQuartersSql(asOf: string): Prisma.Sql {
  return Prisma.sql`SELECT generate_series(date_trunc('quarter', ${asOf}::timestamp) - interval '21 months', date_trunc('quarter', ${asOf}::timestamp), interval '3 months')::date AS "start"`;
}

/**
 * Retention: for each whole year since dosing, the subjects who have reached it by `asOf` and
 * how many of them were still in follow-up (active) on that anniversary. One pass over the
 * subjects: the last anniversary each has reached by `asOf` and the last one before its status
 * date (anniversaries grow with the year, so each is a year count, corrected by one where the
 * calendar year's anniversary falls after the date), grouped, then spread over years 0–15.
 */
export async function getRetentionByYear(db: Db, scope: DashboardScope): Promise<Array<{ year: number; reached: number; active: number }>> {
  const lastBefore = (date: Prisma.Sql, strict: boolean) => Prisma.sql`(
    (extract(year FROM ${date})::int - extract(year FROM s."dosingDate")::int)
    - CASE WHEN (s."dosingDate" + make_interval(years => extract(year FROM ${date})::int - extract(year FROM s."dosingDate")::int))::date ${strict ? Prisma.sql`>=` : Prisma.sql`>`} ${date} THEN 1 ELSE 0 END)`;
  const rows = await db.$queryRaw<Array<{ year: number; reached: number; active: number }>>(Prisma.sql`
    WITH per AS (
      SELECT ${lastBefore(Prisma.sql`${scope.asOf}::date`, false)} AS "reached",
        CASE WHEN s."status" = 'active' THEN 15 ELSE ${lastBefore(Prisma.sql`s."statusDate"`, true)} END AS "active",
        count(*) AS "subjects"
      FROM "subject" s WHERE ${subjectScopeSql(scope.actor)}
        ${scope.studyId ? Prisma.sql`AND s."studyId" = ${scope.studyId}` : Prisma.empty}
        ${scope.siteId ? Prisma.sql`AND s."siteId" = ${scope.siteId}` : Prisma.empty}
      GROUP BY 1, 2)
    SELECT y."year"::int AS "year", COALESCE(sum(per."subjects"), 0)::int AS "reached",
      COALESCE(sum(per."subjects") FILTER (WHERE per."active" >= y."year"), 0)::int AS "active"
    FROM generate_series(0, 15) AS y("year")
    LEFT JOIN per ON per."reached" >= y."year"
    GROUP BY y."year" ORDER BY y."year"`);
  return rows.filter((row) => row.reached > 0);
}

/**
 * On-time rate by site over the last 8 quarters: visits whose window ended in the quarter
 * (and before `asOf`), completed within the window ÷ completed + missed + overdue. Recorded
 * visits from the monthly summary for the whole months before `asOf`'s month and from the rows
 * for its first days; overdue ones from the open visits. A (quarter, site) with no such visit
 * (nothing due) has no point.
 */
export async function getOnTimeRateByQuarter(db: Db, scope: DashboardScope): Promise<Array<{ quarter: string; siteCode: string; onTime: number; due: number; rate: number | null }>> {
  const asOf = Prisma.sql`${scope.asOf}::date`;
  const first = Prisma.sql`(date_trunc('quarter', ${scope.asOf}::timestamp) - interval '21 months')::date`;
  const month = Prisma.sql`date_trunc('month', ${scope.asOf}::timestamp)::date`;
  const quarter = (date: Prisma.Sql) => Prisma.sql`date_trunc('quarter', ${date})::date`;
  // Each source grouped by site and quarter first (a few hundred rows), then summed.
  const rows = await db.$queryRaw<Array<{ start: Date; siteCode: string; onTime: number; due: number }>>(Prisma.sql`
    WITH p AS (${scopedSitesSql(scope)}),
    v AS (
      SELECT vs."siteId", ${quarter(Prisma.sql`vs."month"`)} AS "start", sum(vs."onTime") AS "onTime", sum(vs."completed" + vs."missed") AS "due"
      FROM p JOIN "visit_summary" vs ON vs."studyId" = p."studyId" AND vs."siteId" = p."siteId"
      WHERE vs."month" >= ${first} AND vs."month" < ${month}
      GROUP BY 1, 2
      UNION ALL
      SELECT sv."siteId", ${quarter(Prisma.sql`sv."windowEnd"`)}, count(*) FILTER (WHERE sv."recordStatus" = 'completed' AND sv."recordDate" BETWEEN sv."windowStart" AND sv."windowEnd"), count(*)
      FROM "scheduled_visit" sv JOIN p ON p."studyId" = sv."studyId" AND p."siteId" = sv."siteId"
      WHERE sv."recordStatus" IS NOT NULL AND sv."windowEnd" >= ${month} AND sv."windowEnd" < ${asOf}
      GROUP BY 1, 2
      UNION ALL
      SELECT sv."siteId", ${quarter(Prisma.sql`sv."windowEnd"`)}, 0, count(*)
      FROM p JOIN "scheduled_visit" sv ON sv."siteId" = p."siteId" AND sv."studyId" = p."studyId"
      WHERE sv."open" AND sv."windowStart" < ${asOf} AND sv."windowEnd" >= ${first} AND sv."windowEnd" < ${asOf}
      GROUP BY 1, 2)
    SELECT v."start", si."code" AS "siteCode", sum(v."onTime")::int AS "onTime", sum(v."due")::int AS "due"
    FROM v JOIN "site" si ON si."id" = v."siteId"
    GROUP BY v."start", si."code"
    HAVING sum(v."due") > 0
    ORDER BY v."start", si."code"`);
  return rows.map((row) => ({ quarter: quarterLabel(row.start), siteCode: row.siteCode, onTime: row.onTime, due: row.due, rate: rate(row.onTime, row.due) }));
}

/** Escalations opened per quarter over the last 8 quarters (zero quarters included). */
export async function getEscalationsByQuarter(db: Db, scope: DashboardScope): Promise<Array<{ quarter: string; opened: number }>> {
  const rows = await db.$queryRaw<Array<{ start: Date; opened: number }>>(Prisma.sql`
    WITH p AS (${scopedSitesSql(scope)}), q AS (${lastQuartersSql(scope.asOf)})
    SELECT q."start", count(e."id")::int AS "opened"
    FROM q LEFT JOIN ("escalation" e JOIN p ON p."studyId" = e."studyId" AND p."siteId" = e."siteId")
      ON e."openedDate" >= q."start" AND e."openedDate" < (q."start" + interval '3 months')::date AND e."openedDate" <= ${scope.asOf}::date
    GROUP BY q."start" ORDER BY q."start"`);
  return rows.map((row) => ({ quarter: quarterLabel(row.start), opened: row.opened }));
}

/** Open escalations by trigger and age band (days since opened at `asOf`). */
export async function getOpenEscalationsByKind(db: Db, scope: DashboardScope): Promise<Array<{ trigger: string; upTo30: number; upTo90: number; over90: number; overdue: number }>> {
  return db.$queryRaw(Prisma.sql`
    WITH p AS (${scopedSitesSql(scope)})
    SELECT e."trigger",
      count(*) FILTER (WHERE ${scope.asOf}::date - e."openedDate" <= 30)::int AS "upTo30",
      count(*) FILTER (WHERE ${scope.asOf}::date - e."openedDate" BETWEEN 31 AND 90)::int AS "upTo90",
      count(*) FILTER (WHERE ${scope.asOf}::date - e."openedDate" > 90)::int AS "over90",
      count(*) FILTER (WHERE e."dueDate" < ${scope.asOf}::date)::int AS "overdue"
    FROM "escalation" e JOIN p ON p."studyId" = e."studyId" AND p."siteId" = e."siteId"
    WHERE e."status" = 'open' AND e."openedDate" <= ${scope.asOf}::date
    GROUP BY e."trigger" ORDER BY e."trigger"`);
}

function quarterLabel(start: Date): string {
  return `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`;
}
