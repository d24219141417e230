import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { getVisitRecord, type SubjectRow } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { requireSubjectForChange } from "@/lib/subjects/subjects";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import type { TRecordVisit, TSignVisit, TUpdateVisit } from "@/lib/validation/visit";

function checkVisitDate(subject: SubjectRow, date: string) {
  const dosing = calendarDateFromDb(subject.dosingDate);
  if (date < dosing) throw new AppError("bad_request", `date: must not be before dosing (${dosing})`, "date", { key: "refusal.dateBeforeDosing", params: { dosing } });
  const today = todayCalendarDate();
  if (date > today) throw new AppError("bad_request", `date: must not be after today (${today})`, "date", { key: "refusal.dateAfterToday", params: { today } });
}

/**
 * Record a visit (CDE §2.3.2): a scheduled visit completed with its assessments or missed
 * with a reason, or an unscheduled visit (its id is assigned: U01, U02…). Refused for a
 * subject no longer in follow-up, a visit not on the schedule, a visit recorded twice.
 */
export async function recordVisit(db: Db, options: { actor: Actor; input: TRecordVisit }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForChange(tx, actor, input.subjectId, "visit:record");
    if (subject.status !== "active") throw new AppError("unprocessable", `The subject is ${subject.status.replaceAll("_", " ")}: visits are recorded only for subjects in follow-up.`, undefined, { key: "refusal.visitsOnlyInFollowUp", params: { subjectStatus: subject.status } });
    checkVisitDate(subject, input.date);
    let visitId: string;
    let planVersion: number | null;
    let contactMode: string | null = input.contactMode ?? null;
    if (input.unscheduled) {
      const count = await tx.visitRecord.count({ where: { subjectId: subject.id, unscheduled: true } });
      visitId = `U${String(count + 1).padStart(2, "0")}`;
      planVersion = null;
    } else {
      const rows = await tx.scheduledVisit.findMany({
        where: { subjectId: subject.id, visitId: input.visitId!, ...(input.planVersion !== undefined ? { planVersion: input.planVersion } : {}) },
        orderBy: { targetDate: "asc" },
      });
      if (rows.length === 0) {
        throw new AppError(
          "unprocessable",
          `visitId: ${input.visitId}${input.planVersion !== undefined ? ` of plan version ${input.planVersion}` : ""} is not on this subject's schedule`,
          "visitId",
          { key: "refusal.visitNotOnSchedule", params: { visitId: input.visitId ?? "" } },
        );
      }
      const recorded = await tx.visitRecord.findMany({ where: { subjectId: subject.id, visitId: input.visitId! }, select: { planVersion: true } });
      const open = rows.find((row) => !recorded.some((r) => r.planVersion === row.planVersion));
      if (!open) throw new AppError("conflict", `visitId: visit ${input.visitId} is already recorded; correct the existing record instead`, "visitId", { key: "refusal.visitAlreadyRecorded", params: { visitId: input.visitId ?? "" } });
      visitId = open.visitId;
      planVersion = open.planVersion;
      contactMode ??= open.contactMode;
    }
    const record = await tx.visitRecord.create({
      data: {
        subjectId: subject.id,
        visitId,
        planVersion,
        unscheduled: input.unscheduled,
        status: input.status,
        date: calendarDateToDb(input.date),
        contactMode,
        assessments: input.status === "completed" && input.assessments ? input.assessments : undefined,
        reason: input.reason ?? null,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, actor, {
      entity: "VisitRecord",
      entityId: record.id,
      action: "create",
      newValues: { subjectId: subject.id, visitId, planVersion, unscheduled: input.unscheduled, status: input.status, date: input.date, contactMode, assessments: (input.status === "completed" && input.assessments) || null, reason: input.reason ?? null },
      reason: input.unscheduled || input.status === "missed" ? input.reason : null,
    });
    return record;
  });
}

/**
 * Correct a visit record: the version read must be current (else 409, nothing written), the
 * reason goes to the audit trail, and a valid signature is voided first (the database
 * refuses to change a signed record otherwise) until the visit is signed again.
 */
export async function updateVisit(db: Db, options: { actor: Actor; input: TUpdateVisit }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForChange(tx, actor, input.subjectId, "visit:record");
    const before = await getVisitRecord(tx, { actor, subjectId: subject.id, recordId: input.recordId });
    if (!before) throw new AppError("not_found", "No such visit record.", undefined, { key: "refusal.noSuchVisitRecord" });
    if (before.version !== input.version) {
      throw new AppError("conflict", `version: this visit record was changed by someone else (you read version ${input.version}, it is now ${before.version}); reload it, your input is kept`, "version", { key: "refusal.visitRecordChanged", params: { expected: input.version, actual: before.version } });
    }
    const status = input.status ?? (before.status as "completed" | "missed");
    if (input.date) checkVisitDate(subject, input.date);
    if (before.unscheduled && status === "missed") throw new AppError("bad_request", "status: an unscheduled visit is recorded when it took place", "status", { key: "refusal.unscheduledNotMissed" });
    const missedReason = input.missedReason ?? (status === "missed" ? before.reason : null);
    if (status === "missed" && !before.unscheduled && !missedReason) throw new AppError("bad_request", "missedReason: say why the visit was missed", "missedReason", { key: "refusal.missedReasonRequired" });
    const assessments = status === "completed" ? (input.assessments ?? before.assessments) : null;
    if (status === "completed" && !before.unscheduled && !assessments) throw new AppError("bad_request", "assessments: record the §2.3.2 assessments of a completed visit", "assessments", { key: "refusal.assessmentsRequired", params: { clause: "CDE §2.3.2" } });

    const valid = before.signatures.find((s) => s.voidedAt === null);
    if (valid) {
      await tx.visitSignature.update({ where: { id: valid.id }, data: { voidedAt: new Date(), voidedReason: input.reason } });
      await recordAudit(tx, actor, {
        entity: "VisitSignature",
        entityId: valid.id,
        action: "void",
        oldValues: { valid: true, signerEmail: valid.signerEmail, meaning: valid.meaning, signedAt: valid.signedAt, recordVersion: valid.recordVersion },
        newValues: { valid: false },
        reason: input.reason,
      });
    }
    const data = {
      status,
      ...(input.date ? { date: calendarDateToDb(input.date) } : {}),
      ...(input.contactMode ? { contactMode: input.contactMode } : {}),
      assessments: assessments === null ? Prisma.DbNull : (assessments as Prisma.InputJsonValue),
      reason: before.unscheduled ? before.reason : status === "missed" ? missedReason : null,
    };
    const updated = await tx.visitRecord.updateMany({ where: { id: before.id, version: before.version }, data: { ...data, version: { increment: 1 } } });
    if (updated.count !== 1) throw new AppError("conflict", "version: this visit record was changed meanwhile; reload it, your input is kept", "version", { key: "refusal.visitRecordChangedMeanwhile" });
    await recordAudit(tx, actor, {
      entity: "VisitRecord",
      entityId: before.id,
      action: "update",
      oldValues: { status: before.status, date: calendarDateFromDb(before.date), contactMode: before.contactMode, assessments: before.assessments, reason: before.reason, version: before.version },
      newValues: { status, date: input.date ?? calendarDateFromDb(before.date), contactMode: input.contactMode ?? before.contactMode, assessments, reason: data.reason, version: before.version + 1, signatureVoided: valid !== undefined },
      reason: input.reason,
    });
    return (await getVisitRecord(tx, { actor, subjectId: subject.id, recordId: before.id }))!;
  });
}

export const MAX_SIGNING_FAILURES = 5;
export const SIGNING_LOCK_MS = 15 * 60_000;

/**
 * Sign a visit record (21 CFR 11.50, 11.70, 11.200): an investigator of the site re-enters
 * the password. A wrong password writes only an audit record of the failed attempt; the
 * signature names the signer, the time and the meaning, bound to the record's version.
 */
export async function signVisit(db: Db, options: { actor: Actor; input: TSignVisit }) {
  const { actor, input } = options;
  const { subject, record } = await db.$transaction(async (tx) => {
    const subject = await requireSubjectForChange(tx, actor, input.subjectId, "visit:sign");
    const record = await getVisitRecord(tx, { actor, subjectId: subject.id, recordId: input.recordId });
    if (!record) throw new AppError("not_found", "No such visit record.", undefined, { key: "refusal.noSuchVisitRecord" });
    return { subject, record };
  });
  // 21 CFR 11.300(d): repeated failed signing attempts lock signing for a while (each attempt is audited).
  const recentFailures = await db.auditLog.count({ where: { actorId: actor.id, action: "sign_failed", occurredAt: { gte: new Date(Date.now() - SIGNING_LOCK_MS) } } });
  if (recentFailures >= MAX_SIGNING_FAILURES) {
    throw new AppError("forbidden", `password: ${MAX_SIGNING_FAILURES} wrong passwords in ${SIGNING_LOCK_MS / 60_000} minutes; signing is locked for a while (21 CFR 11.300)`, "password", { key: "refusal.signingLocked", params: { count: MAX_SIGNING_FAILURES, minutes: SIGNING_LOCK_MS / 60_000, clause: "21 CFR 11.300" } });
  }
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true, name: true, email: true } });
  const passwordOk = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!passwordOk) {
    await db.$transaction(async (tx) => {
      await recordAudit(tx, actor, { entity: "VisitRecord", entityId: record.id, action: "sign_failed", newValues: { subjectId: subject.id, meaning: input.meaning, cause: "wrong password" } });
    });
    throw new AppError("forbidden", "password: the password is not correct; the visit is not signed (21 CFR 11.200)", "password", { key: "refusal.signingPasswordWrong", params: { clause: "21 CFR 11.200" } });
  }
  return writeSignature(db, { actor, subjectId: subject.id, recordId: record.id, meaning: input.meaning, signer: { name: user!.name, email: user!.email } });
}

/**
 * The signature row and its audit record, once the signer's password has been verified
 * (signVisit above; the demo seed verifies it once per signer). Never exposed to a request.
 */
export async function writeSignature(db: Db, options: { actor: Actor; subjectId: string; recordId: string; meaning: TSignVisit["meaning"]; signer: { name: string; email: string } }) {
  const { actor, subjectId, signer } = options;
  return db.$transaction(async (tx) => {
    await requireSubjectForChange(tx, actor, subjectId, "visit:sign");
    const current = await getVisitRecord(tx, { actor, subjectId, recordId: options.recordId });
    if (!current) throw new AppError("not_found", "No such visit record.", undefined, { key: "refusal.noSuchVisitRecord" });
    if (current.signatures.some((s) => s.voidedAt === null)) throw new AppError("conflict", "The visit is already signed.", undefined, { key: "refusal.visitAlreadySigned" });
    const signature = await tx.visitSignature.create({
      data: { visitRecordId: current.id, recordVersion: current.version, signerId: actor.id, signerName: signer.name, signerEmail: signer.email, meaning: options.meaning },
    });
    await recordAudit(tx, actor, {
      entity: "VisitSignature",
      entityId: signature.id,
      action: "sign",
      newValues: { visitRecordId: current.id, recordVersion: current.version, signerName: signature.signerName, signerEmail: signature.signerEmail, meaning: signature.meaning, signedAt: signature.signedAt },
    });
    return signature;
  });
}
