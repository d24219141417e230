import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { getSubject, rowsOfScopedSubject } from "@/lib/db/subjects";
import { Prisma, type AdverseEvent, type Escalation, type SampleResult } from "@/lib/generated/prisma/client";

/**
 * Safety records (adverse events, sample results, escalations) of subjects in the actor's
 * scope: every read joins the record's subject and applies the one subject scope
 * (`rowsOfScopedSubject`, lib/db/subjects.ts); anything outside is "not found" (empty). Raw reads
 * of the model's own columns (lib/db/columns.ts): the subject page reads all three on every view.
 */

/** A subject's adverse events, by onset date (empty when the subject is out of scope). */
export async function listAdverseEvents(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<AdverseEvent[]> {
  return rowsOfScopedSubject(db, { ...options, table: "adverse_event", fields: Prisma.AdverseEventScalarFieldEnum, order: Prisma.sql`t."onsetDate", t."createdAt", t."id"` });
}

/** One adverse event of a subject in scope, or null. */
export async function getAdverseEvent(db: Db | Tx, options: { actor: Actor; subjectId: string; adverseEventId: string }): Promise<AdverseEvent | null> {
  const [row] = await rowsOfScopedSubject<AdverseEvent>(db, { ...options, table: "adverse_event", fields: Prisma.AdverseEventScalarFieldEnum, and: Prisma.sql`AND t."id" = ${options.adverseEventId}`, order: Prisma.sql`t."id"` });
  return row ?? null;
}

/** A subject's sample results, by collection date then save order (empty when out of scope). */
export async function listSampleResults(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<SampleResult[]> {
  return rowsOfScopedSubject(db, { ...options, table: "sample_result", fields: Prisma.SampleResultScalarFieldEnum, order: Prisma.sql`t."collectedDate", t."createdAt", t."id"` });
}

/** A subject's escalations, newest first (empty when out of scope). */
export async function listEscalations(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<Escalation[]> {
  return rowsOfScopedSubject(db, { ...options, table: "escalation", fields: Prisma.EscalationScalarFieldEnum, order: Prisma.sql`t."openedDate" DESC, t."createdAt" DESC, t."id" DESC` });
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
