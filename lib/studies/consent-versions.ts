import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireStudyForChange } from "@/lib/studies/studies";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import {
  missingConsentItems,
  ZConsentChecklist,
  type TActivateConsentVersion,
  type TCreateConsentVersion,
  type TUpdateConsentChecklist,
} from "@/lib/validation/consent";

/** A new draft consent version, numbered after the study's last one. */
export async function createConsentVersion(db: Db, options: { actor: Actor; input: TCreateConsentVersion }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const study = await requireStudyForChange(tx, actor, input.studyId);
    const last = await tx.consentVersion.findFirst({ where: { studyId: input.studyId }, orderBy: { version: "desc" }, select: { version: true } });
    const row = await tx.consentVersion.create({
      data: { organizationId: study.organizationId, studyId: input.studyId, version: (last?.version ?? 0) + 1, title: input.title, documentRef: input.documentRef, checklist: input.checklist, createdById: actor.id },
    });
    await recordAudit(tx, actor, {
      entity: "ConsentVersion",
      entityId: row.id,
      action: "create",
      newValues: { studyId: row.studyId, version: row.version, title: row.title, documentRef: row.documentRef, checklist: input.checklist },
    });
    return row;
  });
}

/** The version row of the actor's organisation (and of `studyId` when the URL names one), or not found. */
async function requireConsentForChange(tx: Tx, actor: Actor, id: string, studyId?: string) {
  const row = await tx.consentVersion.findFirst({ where: { id, ...(studyId ? { studyId } : {}), study: { organizationId: actor.organizationId } } });
  if (!row) throw new AppError("not_found", "No such consent version.", undefined, { key: "refusal.noSuchConsentVersion" });
  return row;
}

/** Confirm checklist items of a draft; an active or superseded version is frozen. */
export async function updateConsentChecklist(db: Db, options: { actor: Actor; input: TUpdateConsentChecklist; studyId?: string }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const before = await requireConsentForChange(tx, actor, input.id, options.studyId);
    if (before.status !== "DRAFT") throw new AppError("unprocessable", "Only a draft consent version can change; create a new version.", undefined, { key: "refusal.consentNotDraft" });
    const checklist = { ...ZConsentChecklist.parse(before.checklist), ...input.checklist };
    const after = await tx.consentVersion.update({ where: { id: before.id }, data: { checklist } });
    await recordAudit(tx, actor, { entity: "ConsentVersion", entityId: before.id, action: "update", oldValues: { checklist: before.checklist }, newValues: { checklist } });
    return after;
  });
}

/**
 * Activate a draft consent version (CDE §2.3.1): every checklist item confirmed, the previous
 * active version superseded, in one transaction. Subjects consented under an older version
 * then need re-consent: a subject's consent version below the study's active one means
 * "re-consent due" (the subject records of the enrolment issue read it from here).
 */
export async function activateConsentVersion(db: Db, options: { actor: Actor; input: TActivateConsentVersion; studyId?: string }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const draft = await requireConsentForChange(tx, actor, input.id, options.studyId);
    if (draft.status !== "DRAFT") throw new AppError("unprocessable", `Consent version ${draft.version} is already ${draft.status.toLowerCase()}.`, undefined, { key: "refusal.consentAlreadyDecided", params: { version: draft.version, status: draft.status } });
    const missing = missingConsentItems(ZConsentChecklist.parse(draft.checklist));
    if (missing.length > 0) {
      throw new AppError("unprocessable", `checklist: confirm every item of CDE §2.3.1 before activation; missing: ${missing.join(", ")}`, "checklist", {
        key: "refusal.consentChecklistIncomplete",
        params: { clause: "CDE §2.3.1", items: missing },
      });
    }
    const now = new Date();
    const previous = await tx.consentVersion.findFirst({ where: { studyId: draft.studyId, status: "ACTIVE" } });
    // The plan's rule: versions take effect in order, so "which consent applied on day D" has one answer.
    if (previous?.effectiveDate && calendarDateFromDb(previous.effectiveDate) >= input.effectiveDate) {
      throw new AppError("unprocessable", `effectiveDate: must be after ${calendarDateFromDb(previous.effectiveDate)}, when version ${previous.version} took effect`, "effectiveDate", { key: "refusal.consentDateBackwards", params: { date: calendarDateFromDb(previous.effectiveDate), version: previous.version } });
    }
    if (previous) {
      await tx.consentVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED", supersededAt: now } });
      await recordAudit(tx, actor, {
        entity: "ConsentVersion",
        entityId: previous.id,
        action: "supersede",
        oldValues: { status: "ACTIVE" },
        newValues: { status: "SUPERSEDED", supersededBy: draft.version },
        reason: input.reason,
      });
    }
    const active = await tx.consentVersion.update({
      where: { id: draft.id },
      data: { status: "ACTIVE", activatedAt: now, activatedById: actor.id, effectiveDate: calendarDateToDb(input.effectiveDate) },
    });
    await recordAudit(tx, actor, {
      entity: "ConsentVersion",
      entityId: draft.id,
      action: "activate",
      oldValues: { status: "DRAFT" },
      newValues: { status: "ACTIVE", effectiveDate: input.effectiveDate, reconsentRequiredFromVersion: previous ? draft.version : null },
      reason: input.reason,
    });
    return { active, supersededVersion: previous?.version ?? null, reconsentRequired: previous !== null };
  });
}
