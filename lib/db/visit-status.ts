import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VisitStatus } from "@/lib/schedule/visit-status";

/** subjectScopeFilter (lib/db/subjects.ts) in SQL, for the queries Prisma cannot express; `s` is the subject row. */
export function subjectScopeSql(actor: Actor): Prisma.Sql {
  const organization = Prisma.sql`s."organizationId" = ${actor.organizationId}`;
  if (actor.role === "SPONSOR_ADMIN") return organization;
  const member = Prisma.sql`EXISTS (SELECT 1 FROM "study_member" m WHERE m."studyId" = s."studyId" AND m."userId" = ${actor.id} AND m."endedAt" IS NULL)`;
  if (actor.role === "MONITOR") return Prisma.sql`${organization} AND ${member}`;
  // An investigator without sites sees nothing (ANY of an empty array is false).
  return Prisma.sql`${organization} AND s."siteId" = ANY(${actor.siteIds}::text[]) AND ${member}`;
}

/**
 * The (study, site) pairs the actor's subjects may belong to, as a CTE body of "studyId",
 * "siteId": the same rule as subjectScopeSql (the actor's organisation; a monitor's and an
 * investigator's member studies; an investigator's own sites), optionally narrowed to one study
 * and one site. Rows that carry their subject's study and site (scheduled_visit's derived
 * columns, visit_summary, the safety and query tables, all kept equal to the subject's by
 * trigger or tenancy key) are scoped by pair without joining every subject.
 */
export function studySiteScopeSql(actor: Actor, narrow: { studyId?: string; siteId?: string } = {}): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT ss."studyId", ss."siteId"
    FROM "study_site" ss JOIN "study" st ON st."id" = ss."studyId"
    WHERE st."organizationId" = ${actor.organizationId}
      ${actor.role === "SPONSOR_ADMIN" ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM "study_member" m WHERE m."studyId" = st."id" AND m."userId" = ${actor.id} AND m."endedAt" IS NULL)`}
      ${actor.role === "SPONSOR_ADMIN" || actor.role === "MONITOR" ? Prisma.empty : Prisma.sql`AND ss."siteId" = ANY(${actor.siteIds}::text[])`}
      ${narrow.studyId ? Prisma.sql`AND ss."studyId" = ${narrow.studyId}` : Prisma.empty}
      ${narrow.siteId ? Prisma.sql`AND ss."siteId" = ${narrow.siteId}` : Prisma.empty}`;
}

export interface StoredVisitStatusRow {
  visitId: string;
  planVersion: number | null;
  source: string;
  targetDate: Date;
  windowStart: Date;
  windowEnd: Date;
  recordId: string | null;
  status: VisitStatus;
}

/** A subject's stored schedule rows with their status at `asOf` computed in SQL (ltfu_visit_status); empty when out of scope. */
export async function listStoredVisitStatuses(db: Db | Tx, options: { actor: Actor; subjectId: string; asOf: string }): Promise<StoredVisitStatusRow[]> {
  return db.$queryRaw<StoredVisitStatusRow[]>(Prisma.sql`
    SELECT sv."visitId", sv."planVersion", sv."source", sv."targetDate", sv."windowStart", sv."windowEnd", r."id" AS "recordId",
      ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", r."status", s."status", s."statusDate", ${options.asOf}::date) AS "status"
    FROM "scheduled_visit" sv
    JOIN "subject" s ON s."id" = sv."subjectId"
    LEFT JOIN "visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
    WHERE sv."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}
    ORDER BY sv."targetDate", sv."visitId", sv."planVersion"`);
}

export interface WorklistRow {
  subjectId: string;
  code: string;
  studyId: string;
  protocolNumber: string;
  siteCode: string;
  visitId: string;
  planVersion: number | null;
  source: string;
  targetDate: Date;
  windowStart: Date;
  windowEnd: Date;
  contactMode: string;
  status: VisitStatus;
}

/**
 * The open rows (not recorded, still required) of the (study, site) pairs of the CTE `p`, with a
 * window start up to `asOf` + `days` (a visit due by then starts its window by then): the body of
 * the worklist's MATERIALIZED CTE. One scan of scheduled_visit_open_idx ("siteId", "windowStart")
 * for the sites of `p`, the study checked on the index's included "studyId" (arrays, not a join:
 * joined per pair, the planner read an investigator's site once per study, five times over).
 * A study and site of `p` that are not a pair of `p` hold no subject (a subject's study and site
 * are a study_site row), and the caller scopes the subjects again with subjectScopeSql.
 */
function openVisitsOfPairsSql(asOf: string, days: number): Prisma.Sql {
  return Prisma.sql`
      SELECT sv."subjectId", sv."visitId", sv."planVersion", sv."source", sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode"
      FROM "scheduled_visit" sv
      WHERE sv."siteId" = ANY(ARRAY(SELECT DISTINCT p."siteId" FROM p)) AND sv."studyId" = ANY(ARRAY(SELECT DISTINCT p."studyId" FROM p))
        AND sv."open" AND sv."windowStart" <= ${asOf}::date + ${days}::int
        AND (sv."windowStart" <= ${asOf}::date OR sv."targetDate" <= ${asOf}::date + ${days}::int)`;
}

/**
 * The investigator's morning: unrecorded visits of active subjects in scope that are overdue,
 * in window, or due within `days` of `asOf` (target date). One indexed query: the open visits
 * (not recorded, still required; for an active subject every unrecorded visit) of the actor's
 * (study, site) pairs through scheduled_visit_open_idx, up to a window start of `asOf` + `days`
 * (a visit due by then starts its window by then), not the recorded history (decision 010).
 */
export async function listWorklistVisits(db: Db, options: { actor: Actor; asOf: string; days?: number; limit?: number }): Promise<WorklistRow[]> {
  const days = Math.max(options.days ?? 30, 0);
  // The open rows first (MATERIALIZED): left to itself the planner may walk every subject of the
  // organisation by primary key and probe each one's rows (0.4 s at 100,000 subjects).
  return db.$queryRaw<WorklistRow[]>(Prisma.sql`
    WITH p AS MATERIALIZED (${studySiteScopeSql(options.actor)}),
    sv AS MATERIALIZED (
${openVisitsOfPairsSql(options.asOf, days)})
    SELECT s."id" AS "subjectId", s."code", s."studyId", st."protocolNumber", si."code" AS "siteCode",
      sv."visitId", sv."planVersion", sv."source", sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode",
      ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", NULL, s."status", s."statusDate", ${options.asOf}::date) AS "status"
    FROM sv
    JOIN "subject" s ON s."id" = sv."subjectId"
    JOIN "study" st ON st."id" = s."studyId"
    JOIN "site" si ON si."id" = s."siteId"
    WHERE s."status" = 'active' AND ${subjectScopeSql(options.actor)}
    ORDER BY sv."windowEnd", s."code", sv."visitId"
    LIMIT ${options.limit ?? 500}`);
}

function toWorklistRow(row: WorklistRow): WorklistRow {
  return {
    subjectId: row.subjectId,
    code: row.code,
    studyId: row.studyId,
    protocolNumber: row.protocolNumber,
    siteCode: row.siteCode,
    visitId: row.visitId,
    planVersion: row.planVersion,
    source: row.source,
    targetDate: row.targetDate,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    contactMode: row.contactMode,
    status: row.status,
  };
}

/** The worklist's sections, in the page's order: overdue first. */
export const WORKLIST_SECTIONS = ["overdue", "window_open", "due_soon"] as const;
export type WorklistSection = (typeof WORKLIST_SECTIONS)[number];
/** Rows of one section on one page: the page renders at most three times this (decision 010). */
export const WORKLIST_PAGE_SIZE = 50;

export interface WorklistSectionPage {
  rows: WorklistRow[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The worklist paged on the server: each section (overdue, in window, due within `days` by
 * target date) ordered as listWorklistVisits orders (window end, subject code, visit id — the
 * most overdue first), `pageSize` rows of the requested page of each, and each section's total.
 * One query: the open rows of the actor's pairs once, numbered per section; only the rows of
 * the three pages (and each section's first row, for its total when the page asked is past the
 * end) come back, so the page renders a bounded number of rows whatever the site's size.
 */
export async function listWorklistSections(
  db: Db,
  options: { actor: Actor; asOf: string; days?: number; pages?: Partial<Record<WorklistSection, number>>; pageSize?: number },
): Promise<Record<WorklistSection, WorklistSectionPage>> {
  const days = Math.max(options.days ?? 30, 0);
  const pageSize = Math.min(Math.max(options.pageSize ?? WORKLIST_PAGE_SIZE, 1), 200);
  const page = (section: WorklistSection) => Math.max(Math.floor(options.pages?.[section] ?? 1), 1);
  const from = (section: WorklistSection) => (page(section) - 1) * pageSize;
  const rows = await db.$queryRaw<Array<WorklistRow & { section: WorklistSection; n: number; total: number }>>(Prisma.sql`
    WITH p AS MATERIALIZED (${studySiteScopeSql(options.actor)}),
    sv AS MATERIALIZED (
${openVisitsOfPairsSql(options.asOf, days)}),
    w AS (
      SELECT s."id" AS "subjectId", s."code", s."studyId", s."siteId", sv."visitId", sv."planVersion", sv."source", sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode",
        ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", NULL, s."status", s."statusDate", ${options.asOf}::date) AS "status"
      FROM sv JOIN "subject" s ON s."id" = sv."subjectId"
      WHERE s."status" = 'active' AND ${subjectScopeSql(options.actor)}),
    x AS (
      SELECT w.*, CASE WHEN w."status" = 'overdue' THEN 'overdue' WHEN w."status" = 'window_open' THEN 'window_open'
          WHEN w."status" = 'upcoming' AND w."targetDate" <= ${options.asOf}::date + ${days}::int THEN 'due_soon' END AS "section"
      FROM w),
    r AS (
      SELECT x.*, row_number() OVER (PARTITION BY x."section" ORDER BY x."windowEnd", x."code", x."visitId", x."planVersion")::int AS "n",
        count(*) OVER (PARTITION BY x."section")::int AS "total"
      FROM x WHERE x."section" IS NOT NULL)
    SELECT r."subjectId", r."code", r."studyId", st."protocolNumber", si."code" AS "siteCode", r."visitId", r."planVersion", r."source",
      r."targetDate", r."windowStart", r."windowEnd", r."contactMode", r."status", r."section", r."n", r."total"
    FROM r
    JOIN "study" st ON st."id" = r."studyId"
    JOIN "site" si ON si."id" = r."siteId"
    WHERE r."n" = 1
      OR (r."section" = 'overdue' AND r."n" > ${from("overdue")} AND r."n" <= ${from("overdue") + pageSize})
      OR (r."section" = 'window_open' AND r."n" > ${from("window_open")} AND r."n" <= ${from("window_open") + pageSize})
      OR (r."section" = 'due_soon' AND r."n" > ${from("due_soon")} AND r."n" <= ${from("due_soon") + pageSize})
    ORDER BY r."section", r."n"`);
  const result = {} as Record<WorklistSection, WorklistSectionPage>;
  for (const section of WORKLIST_SECTIONS) {
    const ofSection = rows.filter((row) => row.section === section);
    const total = ofSection[0]?.total ?? 0;
    result[section] = {
      rows: ofSection.filter((row) => row.n > from(section) && row.n <= from(section) + pageSize).map(toWorklistRow),
      total,
      page: page(section),
      pages: Math.max(1, Math.ceil(total / pageSize)),
    };
  }
  return result;
}

export interface ReconsentDueRow {
  subjectId: string;
  code: string;
  studyId: string;
  protocolNumber: string;
  siteCode: string;
  consentVersion: number;
  activeConsentVersion: number;
}

/** Active subjects in scope whose consent version is below their study's active one (CDE §2.3.1). */
export async function listReconsentDue(db: Db, options: { actor: Actor; limit?: number }): Promise<ReconsentDueRow[]> {
  return db.$queryRaw<ReconsentDueRow[]>(Prisma.sql`
    SELECT s."id" AS "subjectId", s."code", s."studyId", st."protocolNumber", si."code" AS "siteCode", s."consentVersion", cv."version" AS "activeConsentVersion"
    FROM "subject" s
    JOIN "study" st ON st."id" = s."studyId"
    JOIN "site" si ON si."id" = s."siteId"
    JOIN "consent_version" cv ON cv."studyId" = s."studyId" AND cv."status" = 'ACTIVE'
    WHERE ${subjectScopeSql(options.actor)} AND s."status" = 'active' AND s."consentVersion" < cv."version"
    ORDER BY s."code"
    LIMIT ${options.limit ?? 500}`);
}
