import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { getSubject, subjectScopeFilter } from "@/lib/db/subjects";

/**
 * Safety records (adverse events, sample results, escalations) of subjects in the actor's
 * scope. The tables carry the subject's organisation, study and site (kept equal to the
 * subject's by a composite foreign key), so every query filters by the subject ids the actor's
 * subject scope allows; anything outside is "not found" (empty).
 */
async function scopedSubjectIds(db: Db | Tx, actor: Actor, subjectIds: string[]): Promise<string[]> {
  if (subjectIds.length === 0) return [];
  if (subjectIds.length === 1) return scopedSubjectIdOfRequest(db, actor, subjectIds[0]!);
  const rows = await db.subject.findMany({ where: { id: { in: subjectIds }, ...subjectScopeFilter(actor) }, select: { id: true } });
  return rows.map((row) => row.id);
}

/**
 * One subject's scope check, memoised for the current render only (React `cache`: a page that
 * lists a subject's AEs, results and escalations checks its scope once, not three times).
 * Outside a render (actions, route handlers) `cache` does not memoise: every call queries.
 */
const scopedSubjectIdOfRequest = cache(async (db: Db | Tx, actor: Actor, subjectId: string): Promise<string[]> => {
  const rows = await db.subject.findMany({ where: { id: subjectId, ...subjectScopeFilter(actor) }, select: { id: true } });
  return rows.map((row) => row.id);
});

/** A subject's adverse events, by onset date (empty when the subject is out of scope). */
export async function listAdverseEvents(db: Db | Tx, options: { actor: Actor; subjectId: string }) {
  const ids = await scopedSubjectIds(db, options.actor, [options.subjectId]);
  return db.adverseEvent.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ onsetDate: "asc" }, { createdAt: "asc" }] });
}

/** One adverse event of a subject in scope, or null. */
export async function getAdverseEvent(db: Db | Tx, options: { actor: Actor; subjectId: string; adverseEventId: string }) {
  const ids = await scopedSubjectIds(db, options.actor, [options.subjectId]);
  return db.adverseEvent.findFirst({ where: { id: options.adverseEventId, subjectId: { in: ids } } });
}

/** A subject's sample results, by collection date then save order (empty when out of scope). */
export async function listSampleResults(db: Db | Tx, options: { actor: Actor; subjectId: string }) {
  const ids = await scopedSubjectIds(db, options.actor, [options.subjectId]);
  return db.sampleResult.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ collectedDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
}

/** A subject's escalations, newest first (empty when out of scope). */
export async function listEscalations(db: Db | Tx, options: { actor: Actor; subjectId: string }) {
  const ids = await scopedSubjectIds(db, options.actor, [options.subjectId]);
  return db.escalation.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ openedDate: "desc" }, { createdAt: "desc" }] });
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
