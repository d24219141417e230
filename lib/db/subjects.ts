import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { modelColumns } from "@/lib/db/columns";
import { subjectScopeSql } from "@/lib/db/visit-status";
import { Prisma, type ScheduledVisit } from "@/lib/generated/prisma/client";

/**
 * The subjects an actor may see, the one scope of every subject, schedule, visit and
 * signature query: the sponsor administrator sees the organisation's; a monitor the subjects
 * of the studies they are members of now (an ended membership, kept as history, grants nothing);
 * an investigator only those at their assigned sites of those studies. Anything outside is
 * "not found". Its SQL twin is `subjectScopeSql` (lib/db/visit-status.ts).
 */
export function subjectScopeFilter(actor: Actor): Prisma.SubjectWhereInput {
  if (actor.role === "SPONSOR_ADMIN") return { organizationId: actor.organizationId };
  const member = { study: { members: { some: { userId: actor.id, endedAt: null } } } };
  if (actor.role === "MONITOR") return { organizationId: actor.organizationId, ...member };
  return { organizationId: actor.organizationId, siteId: { in: actor.siteIds }, ...member };
}

export const subjectSelect = {
  id: true,
  organizationId: true,
  studyId: true,
  siteId: true,
  code: true,
  yearOfBirth: true,
  sex: true,
  dosingDate: true,
  lot: true,
  status: true,
  statusDate: true,
  statusReason: true,
  deathCause: true,
  consentVersion: true,
  consentDate: true,
  confounders: true,
  version: true,
  createdAt: true,
  site: { select: { id: true, code: true, name: true } },
  study: { select: { id: true, protocolNumber: true, title: true, consentVersions: { where: { status: "ACTIVE" }, select: { version: true } } } },
} as const satisfies Prisma.SubjectSelect;

export type SubjectRow = Prisma.SubjectGetPayload<{ select: typeof subjectSelect }>;

/**
 * One subject in the actor's scope, or null: `subjectSelect`'s row in one raw query (every page,
 * API call and action about a subject starts here). Memoised for the current render only (React
 * `cache`: the subject page and its queries panel read it once); outside a render every call queries.
 */
export async function getSubject(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<SubjectRow | null> {
  return subjectOfRequest(db, options.actor, options.subjectId);
}

const subjectOfRequest = cache(async (db: Db | Tx, actor: Actor, subjectId: string): Promise<SubjectRow | null> => {
  const rows = await db.$queryRaw<SubjectRow[]>(subjectRowsSql(Prisma.sql`s."id" = ${subjectId} AND ${subjectScopeSql(actor)}`));
  return rows[0] ?? null;
});

/** `subjectSelect`'s rows (the subject with its site and study) of the subjects `where` (over "subject" s) picks. */
function subjectRowsSql(where: Prisma.Sql, orderAndLimit: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    SELECT ${modelColumns(subjectSelect, "s")},
      json_build_object('id', si."id", 'code', si."code", 'name', si."name") AS "site",
      json_build_object('id', st."id", 'protocolNumber', st."protocolNumber", 'title', st."title",
        'consentVersions', COALESCE((SELECT json_agg(json_build_object('version', cv."version") ORDER BY cv."version") FROM "consent_version" cv WHERE cv."studyId" = st."id" AND cv."status" = 'ACTIVE'), '[]'::json)) AS "study"
    FROM "subject" s JOIN "site" si ON si."id" = s."siteId" JOIN "study" st ON st."id" = s."studyId"
    WHERE ${where} ${orderAndLimit}`;
}

/** `%`, `_` and `\` of a search text taken literally in LIKE. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the subjects in the actor's scope, by code, filtered by study, site, status and a
 * code search (case-insensitive, anywhere in the code), with the number of subjects matching:
 * the /subjects page. Two queries whatever the program's size (a sponsor of a 10^5-subject program
 * used to get every subject on one page).
 */
export async function listSubjectPage(
  db: Db,
  options: { actor: Actor; studyId?: string; siteId?: string; status?: string; code?: string; page: number; pageSize: number },
): Promise<{ rows: SubjectRow[]; total: number }> {
  const where = Prisma.sql`${subjectScopeSql(options.actor)}
    ${options.studyId ? Prisma.sql`AND s."studyId" = ${options.studyId}` : Prisma.empty}
    ${options.siteId ? Prisma.sql`AND s."siteId" = ${options.siteId}` : Prisma.empty}
    ${options.status ? Prisma.sql`AND s."status" = ${options.status}` : Prisma.empty}
    ${options.code ? Prisma.sql`AND s."code" ILIKE ${`%${likeLiteral(options.code)}%`}` : Prisma.empty}`;
  const [rows, [count]] = await Promise.all([
    // The page's ids first: the row's study and consent columns are then built for 50 subjects, not for every one sorted.
    db.$queryRaw<SubjectRow[]>(
      subjectRowsSql(
        Prisma.sql`s."id" IN (SELECT s."id" FROM "subject" s WHERE ${where} ORDER BY s."code", s."id" LIMIT ${options.pageSize} OFFSET ${(options.page - 1) * options.pageSize})`,
        Prisma.sql`ORDER BY s."code", s."id"`,
      ),
    ),
    db.$queryRaw<Array<{ total: number }>>(Prisma.sql`SELECT count(*)::int AS "total" FROM "subject" s WHERE ${where}`),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** A study's subjects in the actor's scope, by code. */
export async function listSubjects(db: Db, options: { actor: Actor; studyId?: string; siteId?: string }): Promise<SubjectRow[]> {
  return db.subject.findMany({
    where: { ...subjectScopeFilter(options.actor), ...(options.studyId ? { studyId: options.studyId } : {}), ...(options.siteId ? { siteId: options.siteId } : {}) },
    select: subjectSelect,
    orderBy: [{ code: "asc" }],
  });
}

export const signatureSelect = { id: true, signerName: true, signerEmail: true, meaning: true, signedAt: true, voidedAt: true, voidedReason: true, recordVersion: true } as const;

/** A visit record with its signatures, newest first. */
export type VisitRecordRow = Prisma.VisitRecordGetPayload<{ include: { signatures: { select: typeof signatureSelect } } }>;
type SignatureRow = VisitRecordRow["signatures"][number];

/** Visit records with their signatures (newest first), two raw queries whatever the number of records. */
async function readVisitRecords(db: Db | Tx, where: Prisma.Sql): Promise<VisitRecordRow[]> {
  const records = await db.$queryRaw<Array<Omit<VisitRecordRow, "signatures">>>(Prisma.sql`
    SELECT ${modelColumns(Prisma.VisitRecordScalarFieldEnum, "r")} FROM "visit_record" r JOIN "subject" s ON s."id" = r."subjectId"
    WHERE ${where} ORDER BY r."date", r."visitId", r."id"`);
  if (records.length === 0) return [];
  const signatures = await db.$queryRaw<Array<SignatureRow & { visitRecordId: string }>>(Prisma.sql`
    SELECT ${modelColumns(signatureSelect, "g")}, g."visitRecordId" FROM "visit_signature" g
    WHERE g."visitRecordId" = ANY(${records.map((r) => r.id)}::text[]) ORDER BY g."signedAt" DESC, g."id" DESC`);
  const byRecord = new Map<string, SignatureRow[]>();
  for (const { visitRecordId, ...signature } of signatures) byRecord.set(visitRecordId, [...(byRecord.get(visitRecordId) ?? []), signature]);
  return records.map((record) => ({ ...record, signatures: byRecord.get(record.id) ?? [] }));
}

/** The visit records of a subject in the actor's scope (empty when out of scope), by date. */
export async function listVisitRecords(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<VisitRecordRow[]> {
  return readVisitRecords(db, Prisma.sql`r."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}`);
}

/** One visit record of a subject in the actor's scope, or null. */
export async function getVisitRecord(db: Db | Tx, options: { actor: Actor; subjectId: string; recordId: string }): Promise<VisitRecordRow | null> {
  const [record] = await readVisitRecords(db, Prisma.sql`r."id" = ${options.recordId} AND r."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}`);
  return record ?? null;
}

/**
 * The rows of a table holding a `subjectId` (its model's own columns, lib/db/columns.ts) of one
 * subject in the actor's scope, in `order` (over the table's alias `t`); empty when the subject is
 * out of scope. One raw query, scoped by a join to the subject: the subject page's safety lists and
 * planned rows. `table` and `order` are constants of the callers, never input.
 */
export async function rowsOfScopedSubject<T>(
  db: Db | Tx,
  options: { table: "scheduled_visit" | "adverse_event" | "sample_result" | "escalation"; fields: Readonly<Record<string, unknown>>; actor: Actor; subjectId: string; and?: Prisma.Sql; order: Prisma.Sql },
): Promise<T[]> {
  return db.$queryRaw<T[]>(Prisma.sql`
    SELECT ${modelColumns(options.fields, "t")} FROM ${Prisma.raw(`"${options.table}"`)} t JOIN "subject" s ON s."id" = t."subjectId"
    WHERE t."subjectId" = ${options.subjectId} ${options.and ?? Prisma.empty} AND ${subjectScopeSql(options.actor)}
    ORDER BY ${options.order}`);
}

/** The stored schedule rows of a subject in the actor's scope, by target date. */
export async function listScheduledVisits(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<ScheduledVisit[]> {
  return rowsOfScopedSubject(db, { ...options, table: "scheduled_visit", fields: Prisma.ScheduledVisitScalarFieldEnum, order: Prisma.sql`t."targetDate", t."visitId", t."id"` });
}

/** Contact attempts of a subject in the actor's scope. */
export async function listContactAttempts(db: Db, options: { actor: Actor; subjectId: string }) {
  return db.contactAttempt.findMany({ where: { subjectId: options.subjectId, subject: subjectScopeFilter(options.actor) }, orderBy: { date: "asc" } });
}

/** The plan versions that apply to a study's subjects: activated ones (active and superseded), with their dates. */
export async function listAppliedPlanVersions(db: Db | Tx, options: { studyId: string }) {
  return appliedPlanVersionsOfRequest(db, options.studyId);
}

/** Memoised for the current render only (React `cache`); outside a render every call queries. */
const appliedPlanVersionsOfRequest = cache(async (db: Db | Tx, studyId: string) =>
  db.$queryRaw<Array<Prisma.PlanVersionGetPayload<{ select: { version: true; effectiveDate: true; plan: true; status: true } }>>>(Prisma.sql`
    SELECT "version", "effectiveDate", "plan", "status" FROM "plan_version"
    WHERE "studyId" = ${studyId} AND "status" IN ('ACTIVE', 'SUPERSEDED') AND "effectiveDate" IS NOT NULL
    ORDER BY "version"`),
);

/**
 * Studies where the actor can enrol: an investigator's studies with an active plan and an
 * active consent version, each with the actor's sites among its sites.
 */
export async function listEnrollableStudies(db: Db, options: { actor: Actor }) {
  const { actor } = options;
  if (actor.role !== "INVESTIGATOR") return [];
  const studies = await db.study.findMany({
    where: {
      organizationId: actor.organizationId,
      members: { some: { userId: actor.id, endedAt: null } },
      planVersions: { some: { status: "ACTIVE" } },
      consentVersions: { some: { status: "ACTIVE" } },
      sites: { some: { siteId: { in: actor.siteIds } } },
    },
    select: {
      id: true,
      protocolNumber: true,
      title: true,
      consentVersions: { where: { status: "ACTIVE" }, select: { version: true } },
      sites: { where: { siteId: { in: actor.siteIds } }, select: { site: { select: { id: true, code: true, name: true } } }, orderBy: { site: { code: "asc" } } },
    },
    orderBy: { protocolNumber: "asc" },
  });
  return studies.map((s) => ({ id: s.id, protocolNumber: s.protocolNumber, title: s.title, consentVersion: s.consentVersions[0]!.version, sites: s.sites.map((x) => x.site) }));
}
