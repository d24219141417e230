import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { modelColumns } from "@/lib/db/columns";
import { getSubject } from "@/lib/db/subjects";
import { subjectScopeSql } from "@/lib/db/visit-status";
import { Prisma } from "@/lib/generated/prisma/client";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import type { TQueryStatus, TQueryTargetType } from "@/lib/validation/query";

export interface QueryTargetOption {
  type: TQueryTargetType;
  id: string;
  label: string;
}

export const queryMessageSelect = { id: true, kind: true, text: true, authorId: true, authorName: true, authorRole: true, createdAt: true } as const;
/** A query with its messages, oldest first. */
export type QueryRow = Prisma.QueryGetPayload<{ include: { messages: { select: typeof queryMessageSelect } } }>;
type QueryMessageRow = QueryRow["messages"][number];

/**
 * Queries matching `where` (over "query" q), in `order`, each with its messages oldest first:
 * two raw queries whatever the number (lib/db/columns.ts; the subject page and a visit
 * record's page read them on every view).
 */
async function readQueries(db: Db | Tx, where: Prisma.Sql, order: Prisma.Sql): Promise<QueryRow[]> {
  const queries = await db.$queryRaw<Array<Omit<QueryRow, "messages">>>(Prisma.sql`SELECT ${modelColumns(Prisma.QueryScalarFieldEnum, "q")} FROM "query" q WHERE ${where} ORDER BY ${order}`);
  if (queries.length === 0) return [];
  const messages = await db.$queryRaw<Array<QueryMessageRow & { queryId: string }>>(Prisma.sql`
    SELECT ${modelColumns(queryMessageSelect, "m")}, m."queryId" FROM "query_message" m
    WHERE m."queryId" = ANY(${queries.map((q) => q.id)}::text[]) ORDER BY m."createdAt", m."id"`);
  const byQuery = new Map<string, QueryMessageRow[]>();
  for (const { queryId, ...message } of messages) byQuery.set(queryId, [...(byQuery.get(queryId) ?? []), message]);
  return queries.map((query) => ({ ...query, messages: byQuery.get(query.id) ?? [] }));
}

/** One query whose subject is in the actor's scope (lib/db/subjects.ts subjectScopeFilter), or null. */
export async function getQuery(db: Db | Tx, options: { actor: Actor; queryId: string }): Promise<QueryRow | null> {
  const [query] = await readQueries(db, Prisma.sql`q."id" = ${options.queryId} AND q."organizationId" = ${options.actor.organizationId}`, Prisma.sql`q."id"`);
  if (!query) return null;
  return (await getSubject(db, { actor: options.actor, subjectId: query.subjectId })) ? query : null;
}

/** The queries of one subject in the actor's scope (empty when out of scope), newest first. */
export async function listSubjectQueries(db: Db, options: { actor: Actor; subjectId: string }): Promise<QueryRow[]> {
  if (!(await getSubject(db, options))) return [];
  return readQueries(db, Prisma.sql`q."subjectId" = ${options.subjectId}`, Prisma.sql`q."createdAt" DESC, q."id"`);
}

/** The queries of a study in the actor's scope, optionally of one status, with their messages: two queries. */
export async function listStudyQueries(db: Db, options: { actor: Actor; studyId: string; status?: TQueryStatus }): Promise<QueryRow[]> {
  return readQueries(
    db,
    Prisma.sql`q."studyId" = ${options.studyId} AND EXISTS (SELECT 1 FROM "subject" s WHERE s."id" = q."subjectId" AND ${subjectScopeSql(options.actor)})
      ${options.status ? Prisma.sql`AND q."status" = ${options.status}` : Prisma.empty}`,
    Prisma.sql`q."createdAt", q."id"`,
  );
}

export interface OpenQueryRow {
  id: string;
  subjectId: string;
  subjectCode: string;
  studyId: string;
  protocolNumber: string;
  siteId: string;
  siteCode: string;
  targetType: TQueryTargetType;
  targetLabel: string;
  status: TQueryStatus;
  createdAt: Date;
  /** Whole days since raised, at `asOf`. */
  ageDays: number;
  lastText: string;
  /** The visit record a visit query concerns (its page shows the query), else null. */
  visitRecordId: string | null;
}

/**
 * Open (and, with `answered`, answered) queries in the actor's scope, oldest first, with the
 * latest message: the investigator's worklist and the dashboard. One indexed query.
 */
export async function listPendingQueries(db: Db, options: { actor: Actor; asOf: string; statuses?: TQueryStatus[]; studyId?: string; subjectId?: string; limit?: number }): Promise<OpenQueryRow[]> {
  const statuses = options.statuses ?? ["open"];
  return db.$queryRaw<OpenQueryRow[]>(Prisma.sql`
    SELECT q."id", q."subjectId", s."code" AS "subjectCode", q."studyId", st."protocolNumber", q."siteId", si."code" AS "siteCode",
      q."targetType", q."targetLabel", q."status", q."createdAt",
      GREATEST(0, ${options.asOf}::date - (q."createdAt" AT TIME ZONE 'UTC')::date)::int AS "ageDays",
      (SELECT m."text" FROM "query_message" m WHERE m."queryId" = q."id" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) AS "lastText",
      (SELECT vr."id" FROM "visit_record" vr WHERE q."targetType" = 'visit' AND vr."id" = q."targetId" AND vr."subjectId" = q."subjectId") AS "visitRecordId"
    FROM "query" q
    JOIN "subject" s ON s."id" = q."subjectId"
    JOIN "study" st ON st."id" = q."studyId"
    JOIN "site" si ON si."id" = q."siteId"
    WHERE ${subjectScopeSql(options.actor)} AND q."status" = ANY(${statuses}::text[])
      ${options.studyId ? Prisma.sql`AND q."studyId" = ${options.studyId}` : Prisma.empty}
      ${options.subjectId ? Prisma.sql`AND q."subjectId" = ${options.subjectId}` : Prisma.empty}
    ORDER BY q."createdAt", q."id"
    LIMIT ${options.limit ?? 200}`);
}

/** The records of one subject that queries are about, by `type:id` (lib/validation/query.ts QUERY_TARGET_TYPES). */
export function queryTargetKey(target: { type: string; id: string } | { targetType: string; targetId: string }): string {
  return "type" in target ? `${target.type}:${target.id}` : `${target.targetType}:${target.targetId}`;
}

/**
 * The queries (every state, with their messages) on some records of one subject, newest first:
 * a visit record's page, or the AE and sample-result rows of the subject page. The caller has
 * read `subject` in the actor's scope (lib/db/subjects.ts getSubject). One indexed query for
 * the queries and one for their messages, whatever the number of records.
 */
export async function listQueriesOn(db: Db, options: { subject: { id: string }; targets: Array<{ type: TQueryTargetType; id: string }> }): Promise<QueryRow[]> {
  if (options.targets.length === 0) return [];
  return readQueries(
    db,
    Prisma.sql`q."subjectId" = ${options.subject.id}
      AND (q."targetType", q."targetId") IN (SELECT * FROM unnest(${options.targets.map((t) => t.type)}::text[], ${options.targets.map((t) => t.id)}::text[]))`,
    Prisma.sql`q."createdAt" DESC, q."id"`,
  );
}

/**
 * The targets a monitor can raise a query on: the subject, its recorded visits (a visit only
 * planned has no record to query: CLINICAL-API-CONTRACT "Queries" names the visit resource),
 * AEs and sample results. Empty when out of scope; three indexed queries after the scope check.
 */
export async function listQueryTargets(db: Db, options: { actor: Actor; subjectId: string }): Promise<QueryTargetOption[]> {
  const subject = await getSubject(db, options);
  if (!subject) return [];
  const [records, adverseEvents, results] = await Promise.all([
    db.visitRecord.findMany({ where: { subjectId: subject.id }, select: { id: true, visitId: true, date: true }, orderBy: [{ date: "asc" }, { visitId: "asc" }] }),
    db.adverseEvent.findMany({ where: { subjectId: subject.id }, select: { id: true, term: true, onsetDate: true }, orderBy: { onsetDate: "asc" } }),
    db.sampleResult.findMany({ where: { subjectId: subject.id }, select: { id: true, kind: true, collectedDate: true }, orderBy: { collectedDate: "asc" } }),
  ]);
  return [
    { type: "subject", id: subject.id, label: subject.code },
    ...records.map((r) => ({ type: "visit" as const, id: r.id, label: `${r.visitId} (${calendarDateFromDb(r.date)})` })),
    ...adverseEvents.map((ae) => ({ type: "adverse_event" as const, id: ae.id, label: `${ae.term} (${calendarDateFromDb(ae.onsetDate)})` })),
    ...results.map((r) => ({ type: "sample_result" as const, id: r.id, label: `${r.kind} (${calendarDateFromDb(r.collectedDate)})` })),
  ];
}
