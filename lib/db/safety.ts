import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { modelColumns } from "@/lib/db/columns";
import { getSubject } from "@/lib/db/subjects";
import { subjectScopeSql } from "@/lib/db/visit-status";
import { Prisma, type AdverseEvent, type Escalation, type SampleResult } from "@/lib/generated/prisma/client";

/**
 * Safety records (adverse events, sample results, escalations) of subjects in the actor's
 * scope: every read joins the record's subject and applies the one subject scope
 * (`subjectScopeSql`, the rule of lib/db/subjects.ts); anything outside is "not found" (empty).
 * Raw reads of the model's own columns (lib/db/columns.ts): the subject page reads all three.
 */

/** A subject's adverse events, by onset date (empty when the subject is out of scope). One raw query, scoped by a join. */
export async function listAdverseEvents(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<AdverseEvent[]> {
  return db.$queryRaw<AdverseEvent[]>(Prisma.sql`
    SELECT ${modelColumns(Prisma.AdverseEventScalarFieldEnum, "ae")} FROM "adverse_event" ae JOIN "subject" s ON s."id" = ae."subjectId"
    WHERE ae."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}
    ORDER BY ae."onsetDate", ae."createdAt", ae."id"`);
}

/** One adverse event of a subject in scope, or null. */
export async function getAdverseEvent(db: Db | Tx, options: { actor: Actor; subjectId: string; adverseEventId: string }): Promise<AdverseEvent | null> {
  const [row] = await db.$queryRaw<AdverseEvent[]>(Prisma.sql`
    SELECT ${modelColumns(Prisma.AdverseEventScalarFieldEnum, "ae")} FROM "adverse_event" ae JOIN "subject" s ON s."id" = ae."subjectId"
    WHERE ae."id" = ${options.adverseEventId} AND ae."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}`);
  return row ?? null;
}

/** A subject's sample results, by collection date then save order (empty when out of scope). One raw query, scoped by a join. */
export async function listSampleResults(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<SampleResult[]> {
  return db.$queryRaw<SampleResult[]>(Prisma.sql`
    SELECT ${modelColumns(Prisma.SampleResultScalarFieldEnum, "r")} FROM "sample_result" r JOIN "subject" s ON s."id" = r."subjectId"
    WHERE r."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}
    ORDER BY r."collectedDate", r."createdAt", r."id"`);
}

/** A subject's escalations, newest first (empty when out of scope). One raw query, scoped by a join. */
export async function listEscalations(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<Escalation[]> {
  return db.$queryRaw<Escalation[]>(Prisma.sql`
    SELECT ${modelColumns(Prisma.EscalationScalarFieldEnum, "e")} FROM "escalation" e JOIN "subject" s ON s."id" = e."subjectId"
    WHERE e."subjectId" = ${options.subjectId} AND ${subjectScopeSql(options.actor)}
    ORDER BY e."openedDate" DESC, e."createdAt" DESC, e."id" DESC`);
}

/** One escalation whose subject is in the actor's scope, with that subject; null otherwise. */
export async function getEscalation(db: Db | Tx, options: { actor: Actor; escalationId: string }) {
  const escalation = await db.escalation.findUnique({ where: { id: options.escalationId } });
  if (!escalation) return null;
  const subject = await getSubject(db, { actor: options.actor, subjectId: escalation.subjectId });
  return subject ? { escalation, subject } : null;
}

export type AdverseEventRow = Awaited<ReturnType<typeof listAdverseEvents>>[number];
export type SampleResultRow = Awaited<ReturnType<typeof listSampleResults>>[number];
export type EscalationRow = Awaited<ReturnType<typeof listEscalations>>[number];
