import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/require-permission";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { getEscalation } from "@/lib/db/safety";
import { getSubject, type SubjectRow } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { applySafetyRules } from "@/lib/safety-records/apply-safety-rules";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { listSafetyDateIssues, ZAdverseEventInput, type TAdverseEventInput, type TAdverseEventUpdate, type TResolveEscalation, type TSampleResultInput } from "@/lib/validation/safety";

/**
 * Adverse events, sample results and escalation resolution (CLINICAL-API-CONTRACT "Safety"):
 * one transaction per save, in which the record is written and audited, the guideline's
 * triggers are evaluated (lib/safety) and the escalations and schedule rows they call for are
 * written. A refused request writes nothing.
 */

/** A subject in the actor's scope (else 404) whose site the actor may record safety data for (else 403). */
async function requireSubjectForSafety(tx: Tx, actor: Actor, subjectId: string, permission: "safety:record" | "escalation:resolve"): Promise<SubjectRow> {
  const subject = await getSubject(tx, { actor, subjectId });
  if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
  requirePermission(actor, permission, { siteId: subject.siteId });
  return subject;
}

function checkDate(subject: SubjectRow, field: string, value: string | undefined, today: string) {
  const [issue] = listSafetyDateIssues(field, value, { dosingDate: calendarDateFromDb(subject.dosingDate), today });
  if (!issue || value === undefined) return;
  const before = value < calendarDateFromDb(subject.dosingDate);
  throw new AppError("bad_request", `${issue.field}: ${issue.message}`, issue.field, {
    key: before ? "refusal.dateBeforeDosing" : "refusal.dateAfterToday",
    params: before ? { dosing: calendarDateFromDb(subject.dosingDate) } : { today },
  });
}

async function checkVisitRecord(tx: Tx, subjectId: string, visitRecordId: string | null | undefined) {
  if (!visitRecordId) return;
  const record = await tx.visitRecord.findFirst({ where: { id: visitRecordId, subjectId }, select: { id: true } });
  if (!record) throw new AppError("bad_request", "visitRecordId: no such visit record of this subject", "visitRecordId", { key: "refusal.noSuchVisitRecordOfSubject", params: { field: "visitRecordId" } });
}

function aeValues(row: { term: string; onsetDate: Date; serious: boolean; seriousnessCriteria: string[]; grade: number; category: string; relatedness: string; outcome: string; possibleRcl: boolean; visitRecordId: string | null; description: string | null }) {
  return {
    term: row.term,
    onsetDate: calendarDateFromDb(row.onsetDate),
    serious: row.serious,
    seriousnessCriteria: row.seriousnessCriteria,
    grade: row.grade,
    category: row.category,
    relatedness: row.relatedness,
    outcome: row.outcome,
    possibleRcl: row.possibleRcl,
    visitRecordId: row.visitRecordId,
    description: row.description,
  };
}

/** `POST /api/v1/subjects/{id}/adverse-events`. */
export async function recordAdverseEvent(db: Db, options: { actor: Actor; subjectId: string; input: TAdverseEventInput }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForSafety(tx, actor, options.subjectId, "safety:record");
    const today = todayCalendarDate();
    checkDate(subject, "onsetDate", input.onsetDate, today);
    await checkVisitRecord(tx, subject.id, input.visitRecordId);
    const row = await tx.adverseEvent.create({
      data: {
        organizationId: subject.organizationId,
        studyId: subject.studyId,
        siteId: subject.siteId,
        subjectId: subject.id,
        visitRecordId: input.visitRecordId ?? null,
        term: input.term,
        onsetDate: calendarDateToDb(input.onsetDate),
        serious: input.serious,
        seriousnessCriteria: input.seriousnessCriteria,
        grade: input.grade,
        category: input.category,
        relatedness: input.relatedness,
        outcome: input.outcome,
        possibleRcl: input.possibleRcl,
        description: input.description ?? null,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, actor, { entity: "AdverseEvent", entityId: row.id, action: "create", newValues: { subjectId: subject.id, ...aeValues(row) } });
    const { opened } = await applySafetyRules(tx, { actor, subject, asOf: today });
    return { adverseEvent: row, opened };
  });
}

/** `PATCH …/adverse-events/{aeId}`: the version read (stale → 409) and a reason; the merged event is checked whole. */
export async function updateAdverseEvent(db: Db, options: { actor: Actor; subjectId: string; adverseEventId: string; input: TAdverseEventUpdate }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForSafety(tx, actor, options.subjectId, "safety:record");
    const before = await tx.adverseEvent.findFirst({ where: { id: options.adverseEventId, subjectId: subject.id } });
    if (!before) throw new AppError("not_found", "No such adverse event.", undefined, { key: "refusal.noSuchAdverseEvent" });
    if (before.version !== input.version) {
      throw new AppError("conflict", `version: this adverse event was changed by someone else (you read version ${input.version}, it is now ${before.version}); reload it, your input is kept`, "version", {
        key: "refusal.adverseEventVersionConflict",
        params: { read: input.version, current: before.version },
      });
    }
    const { version: _version, reason, ...changes } = input;
    void _version;
    const old = aeValues(before);
    const merged = ZAdverseEventInput.safeParse({ ...old, description: old.description ?? undefined, ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) });
    if (!merged.success) {
      // The merged record breaks a cross-field rule: a 400 naming the fields, as a direct input would.
      throw merged.error;
    }
    const today = todayCalendarDate();
    checkDate(subject, "onsetDate", merged.data.onsetDate, today);
    await checkVisitRecord(tx, subject.id, merged.data.visitRecordId);
    const updated = await tx.adverseEvent.updateMany({
      where: { id: before.id, version: before.version },
      data: {
        term: merged.data.term,
        onsetDate: calendarDateToDb(merged.data.onsetDate),
        serious: merged.data.serious,
        seriousnessCriteria: merged.data.seriousnessCriteria,
        grade: merged.data.grade,
        category: merged.data.category,
        relatedness: merged.data.relatedness,
        outcome: merged.data.outcome,
        possibleRcl: merged.data.possibleRcl,
        visitRecordId: merged.data.visitRecordId ?? null,
        description: merged.data.description ?? null,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("conflict", "version: the adverse event was changed meanwhile; reload it", "version", { key: "refusal.adverseEventChangedMeanwhile" });
    const after = await tx.adverseEvent.findUniqueOrThrow({ where: { id: before.id } });
    const oldValues: Record<string, unknown> = {};
    const newValues: Record<string, unknown> = {};
    const next = aeValues(after);
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (JSON.stringify(old[key]) !== JSON.stringify(next[key])) {
        oldValues[key] = old[key];
        newValues[key] = next[key];
      }
    }
    await recordAudit(tx, actor, { entity: "AdverseEvent", entityId: after.id, action: "update", oldValues: { ...oldValues, version: before.version }, newValues: { ...newValues, version: after.version }, reason });
    const { opened } = await applySafetyRules(tx, { actor, subject, asOf: today });
    return { adverseEvent: after, opened };
  });
}

/** `POST /api/v1/subjects/{id}/sample-results`. */
export async function recordSampleResult(db: Db, options: { actor: Actor; subjectId: string; input: TSampleResultInput }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForSafety(tx, actor, options.subjectId, "safety:record");
    const today = todayCalendarDate();
    checkDate(subject, "collectedDate", input.collectedDate, today);
    await checkVisitRecord(tx, subject.id, input.visitRecordId);
    const row = await tx.sampleResult.create({
      data: {
        organizationId: subject.organizationId,
        studyId: subject.studyId,
        siteId: subject.siteId,
        subjectId: subject.id,
        visitRecordId: input.visitRecordId ?? null,
        kind: input.kind,
        collectedDate: calendarDateToDb(input.collectedDate),
        sampleType: input.sampleType,
        surrogate: input.surrogate,
        assay: input.assay ?? null,
        detected: input.detected,
        value: input.value ?? null,
        unit: input.unit ?? null,
        dominantClone: input.dominantClone ?? null,
        clonalExpansion: input.clonalExpansion ?? null,
        nearOncogene: input.nearOncogene ?? null,
        largestClonePercent: input.largestClonePercent ?? null,
        note: input.note ?? null,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, actor, { entity: "SampleResult", entityId: row.id, action: "create", newValues: { subjectId: subject.id, ...input } });
    const { opened } = await applySafetyRules(tx, { actor, subject, asOf: today });
    return { sampleResult: row, opened };
  });
}

/** `POST /api/v1/escalations/{id}/resolve`: an investigator of the subject's site, with a note; the escalation's future events go. */
export async function resolveEscalation(db: Db, options: { actor: Actor; escalationId: string; input: TResolveEscalation }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const found = await getEscalation(tx, { actor, escalationId: options.escalationId });
    if (!found) throw new AppError("not_found", "No such escalation.", undefined, { key: "refusal.noSuchEscalation" });
    const subject = await requireSubjectForSafety(tx, actor, found.subject.id, "escalation:resolve");
    if (found.escalation.status !== "open") throw new AppError("conflict", "This escalation is already resolved.", undefined, { key: "refusal.escalationAlreadyResolved" });
    const today = todayCalendarDate();
    const updated = await tx.escalation.updateMany({
      where: { id: found.escalation.id, status: "open", version: found.escalation.version },
      data: { status: "resolved", resolvedDate: calendarDateToDb(today), note: input.note, resolvedById: actor.id, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("conflict", "This escalation was changed meanwhile; reload it.", undefined, { key: "refusal.escalationChangedMeanwhile" });
    await recordAudit(tx, actor, {
      entity: "Escalation",
      entityId: found.escalation.id,
      action: "update",
      oldValues: { status: "open", version: found.escalation.version },
      newValues: { status: "resolved", resolvedDate: today, note: input.note, version: found.escalation.version + 1 },
      reason: input.note,
    });
    await applySafetyRules(tx, { actor, subject, asOf: today });
    return tx.escalation.findUniqueOrThrow({ where: { id: found.escalation.id } });
  });
}
