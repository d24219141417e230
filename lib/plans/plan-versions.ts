import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deriveRequirements, explainDerivation, listUnjustifiedViolations, suggestPlan, validatePlan } from "@/lib/plans/plan-engine";
import { rewriteScheduleRows } from "@/lib/subjects/schedule-rows";
import { requireStudyForChange } from "@/lib/studies/studies";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import type { TActivatePlanVersion, TCreatePlanVersion, TJustifications, TUpdatePlanDraft } from "@/lib/validation/plan-version";
import { ZRiskProfile } from "@/lib/validation/profile";

/**
 * The derivation a plan version answers to: the risk profile version it was activated
 * against, or the product's current one for a draft (and for a version activated before
 * versions were recorded).
 */
export async function getPlanVersionDerivation(tx: Db | Tx, options: { studyId: string; riskProfileVersion: number | null }) {
  if (options.riskProfileVersion !== null) {
    const row = await tx.riskProfileVersion.findFirst({ where: { version: options.riskProfileVersion, product: { studies: { some: { id: options.studyId } } } } });
    if (row) return derivationOf(row);
  }
  return getStudyDerivation(tx, { studyId: options.studyId });
}

/** The study's product's current derivation (its latest risk profile version). */
export async function getStudyDerivation(tx: Db | Tx, options: { studyId: string }) {
  const latest = await tx.riskProfileVersion.findFirst({ where: { product: { studies: { some: { id: options.studyId } } } }, orderBy: { version: "desc" } });
  if (!latest) throw new AppError("unprocessable", "The study's product has no risk profile.");
  return derivationOf(latest);
}

function derivationOf(row: { profile: unknown; version: number }) {
  return { ...explainDerivation(ZRiskProfile.parse(row.profile)), profileVersion: row.version };
}

async function requirePlanForChange(tx: Tx, actor: Actor, id: string, studyId?: string) {
  const row = await tx.planVersion.findFirst({ where: { id, ...(studyId ? { studyId } : {}), study: { organizationId: actor.organizationId } } });
  if (!row) throw new AppError("not_found", "No such plan version.");
  return row;
}

/**
 * Where the plan's duration differs from the derived one, the sponsor states why
 * (CDE §2.2.3); the derived value and the override both stay visible.
 */
function durationOverride(plan: TPlan, derivedMonths: number): "extended" | "shortened" | null {
  if (plan.durationMonths > derivedMonths) return "extended";
  if (plan.durationMonths < derivedMonths) return "shortened";
  return null;
}

/** The check the UI shows on every change and activation enforces. */
export function assessPlan(plan: TPlan, derivation: ReturnType<typeof deriveRequirements>, justifications: TJustifications, durationOverrideJustification: string | null | undefined) {
  const validation = validatePlan(derivation, plan);
  const unjustified = listUnjustifiedViolations(validation, justifications);
  const derivedMonths = derivation.durationYears * 12;
  const override = durationOverride(plan, derivedMonths);
  const overrideNeedsJustification = override !== null && !(durationOverrideJustification ?? "").trim();
  return { validation, unjustified, derivedMonths, override, overrideNeedsJustification, activatable: unjustified.length === 0 && !overrideNeedsJustification };
}

/** A new draft version: the engine's suggestion for the current derivation, or a copy of the latest version. */
export async function createPlanVersion(db: Db, options: { actor: Actor; input: TCreatePlanVersion }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    await requireStudyForChange(tx, actor, input.studyId);
    const latest = await tx.planVersion.findFirst({ where: { studyId: input.studyId }, orderBy: { version: "desc" } });
    if (latest?.status === "DRAFT") throw new AppError("conflict", `Plan version ${latest.version} is still a draft: edit or activate it first.`);
    let plan: TPlan;
    let justifications: TJustifications = {};
    let durationOverrideJustification: string | null = null;
    if (input.source === "copy_latest") {
      if (!latest) throw new AppError("unprocessable", "source: there is no version to copy yet", "source");
      plan = ZPlan.parse(latest.plan);
      justifications = latest.justifications as TJustifications;
      durationOverrideJustification = latest.durationOverrideJustification;
    } else {
      plan = suggestPlan((await getStudyDerivation(tx, { studyId: input.studyId })).derivation);
    }
    const row = await tx.planVersion.create({
      data: { studyId: input.studyId, version: (latest?.version ?? 0) + 1, plan, justifications, durationOverrideJustification, createdById: actor.id },
    });
    await recordAudit(tx, actor, {
      entity: "PlanVersion",
      entityId: row.id,
      action: "create",
      newValues: { studyId: row.studyId, version: row.version, source: input.source, durationMonths: plan.durationMonths, visits: plan.visits.length },
    });
    return row;
  });
}

/** Edit a draft (a table edit saves the whole plan); active and superseded versions are frozen. */
export async function updatePlanDraft(db: Db, options: { actor: Actor; input: TUpdatePlanDraft; studyId?: string }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const before = await requirePlanForChange(tx, actor, input.id, options.studyId);
    if (before.status !== "DRAFT") throw new AppError("unprocessable", `Plan version ${before.version} is ${before.status.toLowerCase()} and cannot change: create a new version.`);
    const justifications = Object.fromEntries(Object.entries(input.justifications).filter(([, text]) => text.trim() !== ""));
    const after = await tx.planVersion.update({
      where: { id: before.id },
      data: { plan: input.plan, justifications, durationOverrideJustification: input.durationOverrideJustification?.trim() || null },
    });
    await recordAudit(tx, actor, {
      entity: "PlanVersion",
      entityId: before.id,
      action: "update",
      oldValues: { plan: before.plan, justifications: before.justifications, durationOverrideJustification: before.durationOverrideJustification },
      newValues: { plan: input.plan, justifications, durationOverrideJustification: after.durationOverrideJustification },
    });
    return after;
  });
}

/**
 * Activate a draft (CDE §2.3.2, §2.4): validated against the product's current derivation,
 * refused while a violation lacks its written justification or a duration override lacks
 * its reason; the active version is superseded from the new effective date, which must come
 * after the previous one. Subjects' schedules follow from the versions and their dates.
 */
export async function activatePlanVersion(db: Db, options: { actor: Actor; input: TActivatePlanVersion; studyId?: string }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const draft = await requirePlanForChange(tx, actor, input.id, options.studyId);
    if (draft.status !== "DRAFT") throw new AppError("unprocessable", `Plan version ${draft.version} is already ${draft.status.toLowerCase()}.`);
    const plan = ZPlan.parse(draft.plan);
    const { derivation, profileVersion } = await getStudyDerivation(tx, { studyId: draft.studyId });
    const assessment = assessPlan(plan, derivation, draft.justifications as TJustifications, draft.durationOverrideJustification);
    if (assessment.unjustified.length > 0) {
      const first = assessment.unjustified[0]!;
      throw new AppError(
        "unprocessable",
        `justifications: ${assessment.unjustified.length} violation(s) need a written justification before activation, e.g. ${first.message}`,
        "justifications",
      );
    }
    if (assessment.overrideNeedsJustification) {
      throw new AppError("unprocessable", `durationOverrideJustification: the plan runs ${plan.durationMonths} months, the derived duration is ${assessment.derivedMonths}; say why (CDE §2.2.3)`, "durationOverrideJustification");
    }
    const previous = await tx.planVersion.findFirst({ where: { studyId: draft.studyId, status: "ACTIVE" } });
    if (previous?.effectiveDate && calendarDateFromDb(previous.effectiveDate) >= input.effectiveDate) {
      throw new AppError("unprocessable", `effectiveDate: must be after ${calendarDateFromDb(previous.effectiveDate)}, when version ${previous.version} took effect`, "effectiveDate");
    }
    const now = new Date();
    if (previous) {
      await tx.planVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED", supersededAt: now } });
      await recordAudit(tx, actor, { entity: "PlanVersion", entityId: previous.id, action: "supersede", oldValues: { status: "ACTIVE" }, newValues: { status: "SUPERSEDED", supersededBy: draft.version, from: input.effectiveDate }, reason: input.reason });
    }
    const active = await tx.planVersion.update({
      where: { id: draft.id },
      data: { status: "ACTIVE", effectiveDate: calendarDateToDb(input.effectiveDate), amendmentReason: input.reason, activatedAt: now, activatedById: actor.id, riskProfileVersion: profileVersion },
    });
    // CDE §2.3.2: the amendment applies to every subject of the study at once, in this transaction.
    const scheduledVisits = await rewriteScheduleRows(tx, { studyId: draft.studyId });
    await recordAudit(tx, actor, {
      entity: "PlanVersion",
      entityId: draft.id,
      action: "activate",
      oldValues: { status: "DRAFT" },
      newValues: {
        status: "ACTIVE",
        effectiveDate: input.effectiveDate,
        riskProfileVersion: profileVersion,
        scheduledVisits,
        acceptedViolations: assessment.validation.violations.map((v) => v.message),
        durationOverride: assessment.override ? { derivedMonths: assessment.derivedMonths, plannedMonths: plan.durationMonths, justification: draft.durationOverrideJustification } : null,
      },
      reason: input.reason,
    });
    return { active, supersededVersion: previous?.version ?? null };
    // Re-scheduling every subject of a large study takes longer than Prisma's 5-second default.
  }, AMENDMENT_TRANSACTION);
}

const AMENDMENT_TRANSACTION = { maxWait: 10_000, timeout: 10 * 60_000 } as const;
