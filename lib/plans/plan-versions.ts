import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getPlanVersion } from "@/lib/db/plan-versions";
import { CURRENT_ENGINE, deriveSnapshot, listUnjustifiedViolations, sameDerivation, suggestPlan, validatePlan, type Derivation, type RationaleEntry, type RuleSet, type RulesEngine } from "@/lib/plans/plan-engine";
import { rewriteScheduleRows } from "@/lib/subjects/schedule-rows";
import { requireStudyForChange } from "@/lib/studies/studies";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import type { TActivatePlanVersion, TCreatePlanVersion, TJustifications, TUpdatePlanDraft } from "@/lib/validation/plan-version";
import { ZRiskProfile } from "@/lib/validation/profile";

/** A stored derivation with where it came from: a risk profile version's, or an activated plan version's. */
export interface StoredDerivation {
  derivation: Derivation;
  explanation: RationaleEntry[] | null;
  ruleSet: string;
  engineVersion: string;
  profileVersion: number;
}

function storedDerivationOf(row: { derivation: unknown; explanation?: unknown; ruleSet: string; engineVersion: string; version: number }): StoredDerivation {
  return {
    derivation: row.derivation as Derivation,
    explanation: (row.explanation ?? null) as RationaleEntry[] | null,
    ruleSet: row.ruleSet,
    engineVersion: row.engineVersion,
    profileVersion: row.version,
  };
}

/**
 * The derivation a plan version answers to, as stored, never recomputed: an activated
 * version's activation snapshot; for a draft, the product's current risk profile version's.
 */
export async function getPlanVersionDerivation(
  tx: Db | Tx,
  options: { studyId: string; planVersion: { riskProfileVersion: number | null; derivation: unknown; ruleSet: string | null; engineVersion: string | null } },
): Promise<StoredDerivation> {
  const { planVersion } = options;
  if (planVersion.derivation !== null && planVersion.ruleSet !== null && planVersion.engineVersion !== null && planVersion.riskProfileVersion !== null) {
    const profile = await tx.riskProfileVersion.findFirst({
      where: { version: planVersion.riskProfileVersion, product: { studies: { some: { id: options.studyId } } } },
      select: { explanation: true, derivation: true },
    });
    // The explanation is the profile version's when the plan kept exactly that derivation.
    const explanation = profile && sameDerivation(profile.derivation as unknown as Derivation, planVersion.derivation as Derivation) ? profile.explanation : null;
    return storedDerivationOf({ derivation: planVersion.derivation, explanation, ruleSet: planVersion.ruleSet, engineVersion: planVersion.engineVersion, version: planVersion.riskProfileVersion });
  }
  return getStudyDerivation(tx, { studyId: options.studyId });
}

/** The study's product's current derivation: the one stored with its latest risk profile version. */
export async function getStudyDerivation(tx: Db | Tx, options: { studyId: string }): Promise<StoredDerivation> {
  const latest = await tx.riskProfileVersion.findFirst({ where: { product: { studies: { some: { id: options.studyId } } } }, orderBy: { version: "desc" } });
  if (!latest) throw new AppError("unprocessable", "The study's product has no risk profile.", undefined, { key: "refusal.productHasNoProfile" });
  return storedDerivationOf(latest);
}

/**
 * A plan version's stored derivation beside what an engine (today's unless another is given)
 * derives from the same risk profile version, each with the plan's assessment. Reads only:
 * adopting the new derivation is a deliberate re-assessment of the product's risk profile
 * (lib/products/products.ts reassessRiskProfile), and an activated version never changes.
 */
export async function comparePlanDerivation(db: Db, options: { actor: Actor; studyId: string; version: number; engine?: RulesEngine }) {
  const engine = options.engine ?? CURRENT_ENGINE;
  const row = await getPlanVersion(db, { actor: options.actor, studyId: options.studyId, version: options.version });
  if (!row) return null;
  const stored = await getPlanVersionDerivation(db, { studyId: row.studyId, planVersion: row });
  const profileRow = await db.riskProfileVersion.findFirst({ where: { productId: row.productId, version: stored.profileVersion }, select: { profile: true } });
  if (!profileRow) throw new AppError("unprocessable", "The plan's risk profile version is missing.", undefined, { key: "refusal.planProfileMissing" });
  const current = deriveSnapshot(ZRiskProfile.parse(profileRow.profile), engine);
  const plan = ZPlan.parse(row.plan);
  const justifications = row.justifications as TJustifications;
  return {
    planVersionId: row.id,
    status: row.status,
    stored: { ...stored, assessment: assessPlan(plan, stored.derivation, justifications, row.durationOverrideJustification) },
    current: { ...current, assessment: assessPlan(plan, current.derivation, justifications, row.durationOverrideJustification, engine.ruleSet) },
    /** Today's engine derives something else from the same profile: show both, side by side. */
    differs: !sameDerivation(current.derivation, stored.derivation),
  };
}

async function requirePlanForChange(tx: Tx, actor: Actor, id: string, studyId?: string) {
  const row = await tx.planVersion.findFirst({ where: { id, ...(studyId ? { studyId } : {}), study: { organizationId: actor.organizationId } } });
  if (!row) throw new AppError("not_found", "No such plan version.", undefined, { key: "refusal.noSuchPlanVersion" });
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
export function assessPlan(plan: TPlan, derivation: Derivation, justifications: TJustifications, durationOverrideJustification: string | null | undefined, ruleSet: RuleSet = CURRENT_ENGINE.ruleSet) {
  const validation = validatePlan(derivation, plan, ruleSet.id);
  const unjustified = listUnjustifiedViolations(validation, justifications, ruleSet);
  const derivedMonths = derivation.durationYears * 12;
  const override = durationOverride(plan, derivedMonths);
  const overrideNeedsJustification = override !== null && !(durationOverrideJustification ?? "").trim();
  return { validation, unjustified, derivedMonths, override, overrideNeedsJustification, activatable: unjustified.length === 0 && !overrideNeedsJustification };
}

/** A new draft version: the engine's suggestion for the current derivation, or a copy of the latest version. */
export async function createPlanVersion(db: Db, options: { actor: Actor; input: TCreatePlanVersion }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const study = await requireStudyForChange(tx, actor, input.studyId);
    const latest = await tx.planVersion.findFirst({ where: { studyId: input.studyId }, orderBy: { version: "desc" } });
    if (latest?.status === "DRAFT") throw new AppError("conflict", `Plan version ${latest.version} is still a draft: edit or activate it first.`, undefined, { key: "refusal.planDraftPending", params: { version: latest.version } });
    let plan: TPlan;
    let justifications: TJustifications = {};
    let durationOverrideJustification: string | null = null;
    if (input.source === "copy_latest") {
      if (!latest) throw new AppError("unprocessable", "source: there is no version to copy yet", "source", { key: "refusal.planNothingToCopy" });
      plan = ZPlan.parse(latest.plan);
      justifications = latest.justifications as TJustifications;
      durationOverrideJustification = latest.durationOverrideJustification;
    } else {
      plan = suggestPlan((await getStudyDerivation(tx, { studyId: input.studyId })).derivation);
    }
    const row = await tx.planVersion.create({
      data: { organizationId: study.organizationId, studyId: input.studyId, productId: study.productId, version: (latest?.version ?? 0) + 1, plan, justifications, durationOverrideJustification, createdById: actor.id },
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
    if (before.status !== "DRAFT") throw new AppError("unprocessable", `Plan version ${before.version} is ${before.status.toLowerCase()} and cannot change: create a new version.`, undefined, { key: "refusal.planNotDraft", params: { version: before.version, status: before.status } });
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
    if (draft.status !== "DRAFT") throw new AppError("unprocessable", `Plan version ${draft.version} is already ${draft.status.toLowerCase()}.`, undefined, { key: "refusal.planAlreadyDecided", params: { version: draft.version, status: draft.status } });
    const plan = ZPlan.parse(draft.plan);
    // Validated against the derivation stored with the product's current risk profile version
    // (what the product page shows), which the activated version then keeps as its own.
    const { derivation, profileVersion, ruleSet, engineVersion } = await getStudyDerivation(tx, { studyId: draft.studyId });
    const assessment = assessPlan(plan, derivation, draft.justifications as TJustifications, draft.durationOverrideJustification);
    if (assessment.unjustified.length > 0) {
      const first = assessment.unjustified[0]!;
      throw new AppError(
        "unprocessable",
        `justifications: ${assessment.unjustified.length} violation(s) need a written justification before activation, e.g. ${first.message}`,
        "justifications",
        { key: "refusal.planUnjustified", params: { count: assessment.unjustified.length } },
      );
    }
    if (assessment.overrideNeedsJustification) {
      throw new AppError("unprocessable", `durationOverrideJustification: the plan runs ${plan.durationMonths} months, the derived duration is ${assessment.derivedMonths}; say why (CDE §2.2.3)`, "durationOverrideJustification", {
        key: "refusal.planOverrideUnjustified",
        params: { months: plan.durationMonths, derived: assessment.derivedMonths, clause: "CDE §2.2.3" },
      });
    }
    const previous = await tx.planVersion.findFirst({ where: { studyId: draft.studyId, status: "ACTIVE" } });
    if (previous?.effectiveDate && calendarDateFromDb(previous.effectiveDate) >= input.effectiveDate) {
      throw new AppError("unprocessable", `effectiveDate: must be after ${calendarDateFromDb(previous.effectiveDate)}, when version ${previous.version} took effect`, "effectiveDate", {
        key: "refusal.effectiveDateNotAfter",
        params: { date: calendarDateFromDb(previous.effectiveDate), version: previous.version },
      });
    }
    const now = new Date();
    if (previous) {
      await tx.planVersion.update({ where: { id: previous.id }, data: { status: "SUPERSEDED", supersededAt: now } });
      await recordAudit(tx, actor, { entity: "PlanVersion", entityId: previous.id, action: "supersede", oldValues: { status: "ACTIVE" }, newValues: { status: "SUPERSEDED", supersededBy: draft.version, from: input.effectiveDate }, reason: input.reason });
    }
    const active = await tx.planVersion.update({
      where: { id: draft.id },
      data: { status: "ACTIVE", effectiveDate: calendarDateToDb(input.effectiveDate), amendmentReason: input.reason, activatedAt: now, activatedById: actor.id, riskProfileVersion: profileVersion, derivation: derivation as object, ruleSet, engineVersion },
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
        ruleSet,
        engineVersion,
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
