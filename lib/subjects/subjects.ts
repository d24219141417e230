import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { studyScopeFilter } from "@/lib/db/studies";
import { getSubject, type SubjectRow } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { rewriteScheduleRows } from "@/lib/subjects/schedule-rows";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import type { TChangeSubjectStatus, TEnrolSubject, TRecordConsent } from "@/lib/validation/subject";

/** A subject the actor may change: in scope (else not found), at one of an investigator's sites, with a current version. */
export async function requireSubjectForChange(tx: Tx, actor: Actor, subjectId: string, permission: "subject:manage" | "visit:record" | "visit:sign"): Promise<SubjectRow> {
  const subject = await getSubject(tx, { actor, subjectId });
  if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
  requirePermission(actor, permission, { siteId: subject.siteId });
  return subject;
}

function checkVersion(expected: number | undefined, actual: number, what: string) {
  if (expected !== undefined && expected !== actual) {
    throw new AppError("conflict", `version: this ${what} was changed by someone else (you read version ${expected}, it is now ${actual}); reload it, your input is kept`, "version", { key: "refusal.subjectChanged", params: { expected, actual } });
  }
}

/**
 * Enrol a treated subject (CDE §2.2.2, §2.3.1, §3): only an investigator of the site, in a
 * study with an active plan, on the active consent version; the schedule rows are written by
 * lib/schedule in the same transaction.
 */
export async function enrolSubject(db: Db, options: { actor: Actor; input: TEnrolSubject }) {
  const { actor, input } = options;
  // The role, and at least one own site (site scope fails closed); the chosen site is checked below.
  requirePermission(actor, "subject:enrol", AT_ANY_OWN_SITE);
  return db.$transaction(async (tx) => {
    const study = await tx.study.findFirst({
      where: { id: input.studyId, ...studyScopeFilter(actor) },
      select: { id: true, organizationId: true, sites: { select: { siteId: true } } },
    });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    if (!study.sites.some((s) => s.siteId === input.siteId) || !actor.siteIds.includes(input.siteId)) {
      throw new AppError("not_found", "siteId: no such site of this study among your sites", "siteId", { key: "refusal.subjectSiteNotYours" });
    }
    requirePermission(actor, "subject:enrol", { siteId: input.siteId });
    const today = todayCalendarDate();
    if (input.dosingDate > today) throw new AppError("bad_request", `dosingDate: must not be after today (${today})`, "dosingDate", { key: "refusal.dateAfterToday", params: { today } });
    if (input.consentDate > today) throw new AppError("bad_request", `consentDate: must not be after today (${today})`, "consentDate", { key: "refusal.dateAfterToday", params: { today } });
    if (input.yearOfBirth > Number(input.dosingDate.slice(0, 4))) throw new AppError("bad_request", "yearOfBirth: must not be after the dosing year", "yearOfBirth", { key: "refusal.yearOfBirthAfterDosing" });
    if (await tx.subject.findFirst({ where: { studyId: study.id, code: input.code }, select: { id: true } })) {
      throw new AppError("conflict", `code: subject ${input.code} is already enrolled in this study`, "code", { key: "refusal.subjectCodeTaken", params: { code: input.code } });
    }
    const [plan, consent] = await Promise.all([
      tx.planVersion.findFirst({ where: { studyId: study.id, status: "ACTIVE" }, select: { version: true } }),
      tx.consentVersion.findFirst({ where: { studyId: study.id, status: "ACTIVE" }, select: { version: true } }),
    ]);
    if (!plan) throw new AppError("unprocessable", "The study has no active LTFU plan: a subject cannot be followed without one (CDE §2.3.2).", undefined, { key: "refusal.noActivePlan", params: { clause: "CDE §2.3.2" } });
    if (!consent || consent.version !== input.consentVersion) {
      throw new AppError(
        "unprocessable",
        consent
          ? `consentVersion: the subject must consent on the active version ${consent.version}, not ${input.consentVersion} (CDE §2.3.1)`
          : "consentVersion: the study has no active consent version (CDE §2.3.1)",
        "consentVersion",
        consent
          ? { key: "refusal.consentNotActiveVersion", params: { version: consent.version, given: input.consentVersion, clause: "CDE §2.3.1" } }
          : { key: "refusal.noActiveConsent", params: { clause: "CDE §2.3.1" } },
      );
    }
    const subject = await tx.subject.create({
      data: {
        organizationId: study.organizationId,
        studyId: study.id,
        siteId: input.siteId,
        code: input.code,
        yearOfBirth: input.yearOfBirth,
        sex: input.sex,
        dosingDate: calendarDateToDb(input.dosingDate),
        lot: input.lot,
        consentVersion: input.consentVersion,
        consentDate: calendarDateToDb(input.consentDate),
        confounders: input.confounders,
        createdById: actor.id,
        consents: { create: { consentVersion: input.consentVersion, consentDate: calendarDateToDb(input.consentDate), recordedById: actor.id } },
      },
    });
    const rows = await rewriteScheduleRows(tx, { studyId: study.id, subjectIds: [subject.id] });
    await recordAudit(tx, actor, {
      entity: "Subject",
      entityId: subject.id,
      action: "create",
      newValues: { ...input, scheduledVisits: rows, planVersion: plan.version },
    });
    return subject;
  });
}

/** Record re-consent on the study's active consent version (CDE §2.3.1). */
export async function recordConsent(db: Db, options: { actor: Actor; input: TRecordConsent }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForChange(tx, actor, input.subjectId, "subject:manage");
    if (subject.status !== "active") throw new AppError("unprocessable", `The subject is ${subject.status}: consent is recorded only for subjects in follow-up.`, undefined, { key: "refusal.consentOnlyInFollowUp", params: { subjectStatus: subject.status } });
    const today = todayCalendarDate();
    if (input.consentDate > today) throw new AppError("bad_request", `consentDate: must not be after today (${today})`, "consentDate", { key: "refusal.dateAfterToday", params: { today } });
    const active = subject.study.consentVersions[0]?.version;
    if (active === undefined || input.consentVersion !== active) {
      throw new AppError("unprocessable", `consentVersion: must be the active consent version${active ? ` ${active}` : ""} (CDE §2.3.1)`, "consentVersion", { key: "refusal.consentMustBeActive", params: { version: active ?? "—", clause: "CDE §2.3.1" } });
    }
    if (subject.consentVersion >= input.consentVersion) throw new AppError("conflict", `consentVersion: consent version ${input.consentVersion} is already recorded`, "consentVersion", { key: "refusal.consentAlreadyRecorded", params: { version: input.consentVersion } });
    await tx.subjectConsent.create({ data: { subjectId: subject.id, consentVersion: input.consentVersion, consentDate: calendarDateToDb(input.consentDate), recordedById: actor.id } });
    const updated = await tx.subject.updateMany({
      where: { id: subject.id, version: subject.version },
      data: { consentVersion: input.consentVersion, consentDate: calendarDateToDb(input.consentDate), version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new AppError("conflict", "version: the subject was changed meanwhile; reload it", "version", { key: "refusal.subjectChangedMeanwhile" });
    await recordAudit(tx, actor, {
      entity: "Subject",
      entityId: subject.id,
      action: "update",
      oldValues: { consentVersion: subject.consentVersion, consentDate: calendarDateFromDb(subject.consentDate) },
      newValues: { consentVersion: input.consentVersion, consentDate: input.consentDate },
      reason: "re-consent (CDE §2.3.1)",
    });
    return { ...subject, consentVersion: input.consentVersion, version: subject.version + 1 };
  });
}

/**
 * The subject leaves follow-up (withdrawn, lost to follow-up, died, completed): visits after
 * `date` become not required. The schedule rows are rewritten in the same transaction.
 */
export async function changeSubjectStatus(db: Db, options: { actor: Actor; input: TChangeSubjectStatus }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const subject = await requireSubjectForChange(tx, actor, input.subjectId, "subject:manage");
    checkVersion(input.version, subject.version, "subject");
    if (subject.status !== "active") throw new AppError("conflict", `status: the subject is already ${subject.status}`, "status", { key: "refusal.subjectStatusAlready", params: { subjectStatus: subject.status } });
    const today = todayCalendarDate();
    if (input.date > today) throw new AppError("bad_request", `date: must not be after today (${today})`, "date", { key: "refusal.dateAfterToday", params: { today } });
    const dosing = calendarDateFromDb(subject.dosingDate);
    if (input.date < dosing) throw new AppError("bad_request", `date: must not be before dosing (${dosing})`, "date", { key: "refusal.dateBeforeDosing", params: { dosing } });
    const updated = await tx.subject.updateMany({
      where: { id: subject.id, version: subject.version },
      data: {
        status: input.status,
        statusDate: calendarDateToDb(input.date),
        statusReason: input.reason ?? null,
        deathCause: input.status === "died" ? input.cause! : null,
        version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw new AppError("conflict", "version: the subject was changed meanwhile; reload it", "version", { key: "refusal.subjectChangedMeanwhile" });
    if (input.contactAttempts?.length) {
      await tx.contactAttempt.createMany({
        data: input.contactAttempts.map((attempt) => ({ subjectId: subject.id, date: calendarDateToDb(attempt.date), mode: attempt.mode, outcome: attempt.outcome, createdById: actor.id })),
      });
    }
    await rewriteScheduleRows(tx, { studyId: subject.studyId, subjectIds: [subject.id] });
    await recordAudit(tx, actor, {
      entity: "Subject",
      entityId: subject.id,
      action: "update",
      oldValues: { status: subject.status, statusDate: null },
      newValues: { status: input.status, statusDate: input.date, cause: input.cause ?? null, contactAttempts: input.contactAttempts ?? [] },
      reason: input.reason ?? input.cause ?? input.status,
    });
    return { id: subject.id };
  });
}
