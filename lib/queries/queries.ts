import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { getQuery, type QueryRow } from "@/lib/db/queries";
import { getSubject } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { QUERY_TRANSITIONS, type TQueryStep, type TQueryTargetType, type TRaiseQuery } from "@/lib/validation/query";

/** What a query is about, read from the subject's own records: a target of another subject is not found. */
async function resolveTarget(tx: Tx, subject: { id: string; code: string }, target: { type: TQueryTargetType; id: string }): Promise<string> {
  const where = { id: target.id, subjectId: subject.id };
  switch (target.type) {
    case "subject":
      if (target.id === subject.id) return subject.code;
      break;
    case "visit": {
      // The contract's visit is the visit resource (`GET …/visits/{recordId}`): a recorded visit.
      // A visit still only planned has no record to clarify; a question about it concerns the subject.
      const record = await tx.visitRecord.findFirst({ where, select: { visitId: true, date: true } });
      if (record) return `${record.visitId} (${calendarDateFromDb(record.date)})`;
      const row = await tx.scheduledVisit.findFirst({ where, select: { visitId: true } });
      if (row)
        throw new AppError("not_found", `target.id: visit ${row.visitId} is planned but not recorded; raise the query on the subject`, "target.id", {
          key: "refusal.queryVisitNotRecorded",
          params: { visit: row.visitId },
        });
      break;
    }
    case "adverse_event": {
      const ae = await tx.adverseEvent.findFirst({ where, select: { term: true, onsetDate: true } });
      if (ae) return `${ae.term} (${calendarDateFromDb(ae.onsetDate)})`;
      break;
    }
    case "sample_result": {
      const result = await tx.sampleResult.findFirst({ where, select: { kind: true, collectedDate: true } });
      if (result) return `${result.kind} (${calendarDateFromDb(result.collectedDate)})`;
      break;
    }
  }
  throw new AppError("not_found", `target.id: no such ${target.type} of this subject`, "target.id", { key: "refusal.noSuchQueryTarget", params: { id: target.id } });
}

function author(actor: Actor) {
  return { authorId: actor.id, authorName: actor.name, authorRole: actor.role };
}

/**
 * A monitor raises a query on a subject, a recorded visit, an AE or a
 * sample result of a subject in scope: open, with the first message; audited.
 */
export async function raiseQuery(db: Db, options: { actor: Actor; input: TRaiseQuery }): Promise<QueryRow> {
  const { actor, input } = options;
  requirePermission(actor, "query:raise");
  const id = await db.$transaction(async (tx) => {
    const subject = await getSubject(tx, { actor, subjectId: input.subjectId });
    if (!subject) throw new AppError("not_found", "subjectId: no such subject", "subjectId", { key: "refusal.noSuchSubject" });
    const targetLabel = await resolveTarget(tx, subject, input.target);
    const tenancy = { organizationId: subject.organizationId, studyId: subject.studyId, siteId: subject.siteId };
    const query = await tx.query.create({
      data: { ...tenancy, subjectId: subject.id, targetType: input.target.type, targetId: input.target.id, targetLabel, raisedById: actor.id },
    });
    await tx.queryMessage.create({ data: { ...tenancy, queryId: query.id, kind: "raise", text: input.text, ...author(actor) } });
    await recordAudit(tx, actor, {
      entity: "Query",
      entityId: query.id,
      action: "create",
      newValues: { subjectId: subject.id, targetType: input.target.type, targetId: input.target.id, status: "open", text: input.text },
      organizationId: subject.organizationId,
    });
    return query.id;
  });
  return (await getQuery(db, { actor, queryId: id }))!;
}

const STEP_PERMISSION = { answer: "query:answer", close: "query:close", reopen: "query:close" } as const;
const STEP_TIMESTAMP = { answer: "answeredAt", close: "closedAt", reopen: null } as const;

/**
 * One step of the state machine (lib/validation/query.ts QUERY_TRANSITIONS): out of scope 404,
 * the wrong role (or another site's investigator) 403, the wrong state 409; otherwise the new
 * state, the message with its author and time, and the audit record, in one transaction.
 */
export async function transitionQuery(db: Db, options: { actor: Actor; queryId: string; step: TQueryStep; text: string | undefined }): Promise<QueryRow> {
  const { actor, queryId, step } = options;
  const permission = STEP_PERMISSION[step];
  requirePermission(actor, permission, AT_ANY_OWN_SITE);
  const { from, to } = QUERY_TRANSITIONS[step];
  await db.$transaction(async (tx) => {
    const query = await getQuery(tx, { actor, queryId });
    if (!query) throw new AppError("not_found", "No such query.", undefined, { key: "refusal.noSuchQuery" });
    requirePermission(actor, permission, { siteId: query.siteId });
    if (query.status !== from) throw new AppError("conflict", `status: the query is ${query.status}; ${step} needs it ${from}`, "status", {
        key: from === "open" ? "refusal.queryNotOpen" : from === "answered" ? "refusal.queryNotAnswered" : "refusal.queryNotClosed",
      });
    const now = new Date();
    const stamp = STEP_TIMESTAMP[step];
    const updated = await tx.query.updateMany({
      where: { id: query.id, status: from, version: query.version },
      data: { status: to, version: { increment: 1 }, ...(stamp ? { [stamp]: now } : {}), ...(step === "reopen" ? { answeredAt: null, closedAt: null } : {}) },
    });
    if (updated.count !== 1) throw new AppError("conflict", "status: the query was changed meanwhile; reload it", "status", { key: "refusal.queryChangedMeanwhile" });
    const text = options.text ?? "";
    await tx.queryMessage.create({
      data: { queryId: query.id, organizationId: query.organizationId, studyId: query.studyId, siteId: query.siteId, kind: step, text, createdAt: now, ...author(actor) },
    });
    await recordAudit(tx, actor, {
      entity: "Query",
      entityId: query.id,
      action: "update",
      oldValues: { status: from },
      newValues: { status: to, step, text },
      reason: text || step,
      organizationId: query.organizationId,
    });
  });
  return (await getQuery(db, { actor, queryId }))!;
}
