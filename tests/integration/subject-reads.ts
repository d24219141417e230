import { expect } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getQuery, listQueriesOn, listStudyQueries, listSubjectQueries, queryMessageSelect } from "@/lib/db/queries";
import { getAdverseEvent, listAdverseEvents, listEscalations, listSampleResults } from "@/lib/db/safety";
import { getSubject, getVisitRecord, listAppliedPlanVersions, listScheduledVisits, listVisitRecords, signatureSelect, subjectScopeFilter, subjectSelect } from "@/lib/db/subjects";

/**
 * The subject page's reads are raw SQL (lib/db/columns.ts) for speed; Prisma's typed query
 * for the same rows is their specification. For each subject and actor, every raw reader's
 * result must deep-equal Prisma's — same rows, same order, same JavaScript values (Date,
 * arrays, parsed JSON, null) — in and out of the actor's scope. Returns how many rows were
 * compared per kind, so that the caller can check the comparison was not vacuous.
 */
export async function expectRawReadsEqualPrisma(db: Db, actor: Actor, subjectIds: readonly string[]): Promise<Record<string, number>> {
  const compared: Record<string, number> = { subjects: 0, outOfScope: 0, records: 0, signatures: 0, plannedVisits: 0, adverseEvents: 0, results: 0, escalations: 0, queries: 0, messages: 0, planVersions: 0 };
  const scope = subjectScopeFilter(actor);
  const queryMessages = { messages: { select: queryMessageSelect, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] } };
  for (const subjectId of subjectIds) {
    const subject = await db.subject.findFirst({ where: { id: subjectId, ...scope }, select: subjectSelect });
    expect(await getSubject(db, { actor, subjectId })).toEqual(subject);
    const inScope = { subjectId, subject: scope };
    const records = await db.visitRecord.findMany({ where: inScope, include: { signatures: { select: signatureSelect, orderBy: [{ signedAt: "desc" }, { id: "desc" }] } }, orderBy: [{ date: "asc" }, { visitId: "asc" }, { id: "asc" }] });
    expect(await listVisitRecords(db, { actor, subjectId })).toEqual(records);
    // Every record of the subject, scoped or not: out of scope, even a real record id reads as nothing.
    for (const { id } of await db.visitRecord.findMany({ where: { subjectId }, select: { id: true } })) {
      expect(await getVisitRecord(db, { actor, subjectId, recordId: id })).toEqual(subject ? records.find((r) => r.id === id) : null);
    }
    expect(await listScheduledVisits(db, { actor, subjectId })).toEqual(await db.scheduledVisit.findMany({ where: inScope, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }, { id: "asc" }] }));
    const adverseEvents = await db.adverseEvent.findMany({ where: { subjectId: subject ? subjectId : "-" }, orderBy: [{ onsetDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    expect(await listAdverseEvents(db, { actor, subjectId })).toEqual(adverseEvents);
    for (const event of await db.adverseEvent.findMany({ where: { subjectId } })) {
      expect(await getAdverseEvent(db, { actor, subjectId, adverseEventId: event.id })).toEqual(subject ? event : null);
    }
    const results = await db.sampleResult.findMany({ where: { subjectId: subject ? subjectId : "-" }, orderBy: [{ collectedDate: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
    expect(await listSampleResults(db, { actor, subjectId })).toEqual(results);
    const escalations = await db.escalation.findMany({ where: { subjectId: subject ? subjectId : "-" }, orderBy: [{ openedDate: "desc" }, { createdAt: "desc" }, { id: "desc" }] });
    expect(await listEscalations(db, { actor, subjectId })).toEqual(escalations);
    const queries = await db.query.findMany({ where: { subjectId: subject ? subjectId : "-" }, include: queryMessages, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    expect(await listSubjectQueries(db, { actor, subjectId })).toEqual(queries);
    for (const query of await db.query.findMany({ where: { subjectId }, include: queryMessages })) expect(await getQuery(db, { actor, queryId: query.id })).toEqual(subject ? query : null);
    if (subject) {
      const targets = queries.map((q) => ({ type: q.targetType as "visit", id: q.targetId }));
      expect(await listQueriesOn(db, { subject, targets })).toEqual(queries);
      expect(await listQueriesOn(db, { subject, targets: targets.slice(0, 1) })).toEqual(queries.filter((q) => q.targetType === targets[0]?.type && q.targetId === targets[0]?.id));
      const planVersions = await db.planVersion.findMany({ where: { studyId: subject.studyId, status: { in: ["ACTIVE", "SUPERSEDED"] }, effectiveDate: { not: null } }, select: { version: true, effectiveDate: true, plan: true, status: true }, orderBy: { version: "asc" } });
      expect(await listAppliedPlanVersions(db, { studyId: subject.studyId })).toEqual(planVersions);
      compared.planVersions! += planVersions.length;
    }
    compared[subject ? "subjects" : "outOfScope"]! += 1;
    compared.records! += records.length;
    compared.signatures! += records.reduce((n, r) => n + r.signatures.length, 0);
    compared.adverseEvents! += adverseEvents.length;
    compared.results! += results.length;
    compared.escalations! += escalations.length;
    compared.queries! += queries.length;
    compared.messages! += queries.reduce((n, q) => n + q.messages.length, 0);
  }
  for (const studyId of new Set((await db.subject.findMany({ where: { id: { in: [...subjectIds] } }, select: { studyId: true } })).map((s) => s.studyId))) {
    for (const status of [undefined, "open", "answered", "closed"] as const) {
      const visible = (await db.subject.findMany({ where: { studyId, ...scope }, select: { id: true } })).map((s) => s.id);
      const expected = await db.query.findMany({ where: { studyId, subjectId: { in: visible }, ...(status ? { status } : {}) }, include: queryMessages, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      expect(await listStudyQueries(db, { actor, studyId, status })).toEqual(expected);
    }
  }
  return compared;
}
