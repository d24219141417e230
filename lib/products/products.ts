import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { getProduct, listActivePlansOfProduct } from "@/lib/db/products";
import { AppError } from "@/lib/errors";
import type { Derivation } from "@/lib/rules/derive-requirements";
import { CURRENT_ENGINE, deriveSnapshot, sameDerivation, type DerivationSnapshot, type RulesEngine } from "@/lib/rules/engine";
import { listUnjustifiedViolations, validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor, type TCreateProductApi, type TNoLtfuJustification, type TReassessRiskProfile, type TUpdateRiskProfile } from "@/lib/validation/product";
import { ZRiskProfile } from "@/lib/validation/profile";

/** The snapshot columns of a risk profile version. */
function snapshotColumns(snapshot: DerivationSnapshot) {
  return { derivation: snapshot.derivation as object, explanation: snapshot.explanation as object[] | undefined, ruleSet: snapshot.ruleSet, engineVersion: snapshot.engineVersion };
}

/** Create a product with risk profile version 1 and its derivation, audited. */
export async function createProduct(db: Db, options: { actor: Actor; input: Omit<TCreateProductApi, "monitoring"> & { monitoring?: TCreateProductApi["monitoring"] } }) {
  const monitoring = options.input.monitoring ?? { expectedVectorPositivePercentMax: null };
  const { actor, input } = options;
  const snapshot = deriveSnapshot(input.profile);
  const { derivation } = snapshot;
  const factors = input.factors ?? defaultFactorsFor(input.profile);
  return db.$transaction(async (tx) => {
    const product = await tx.product.create({
      data: {
        organizationId: actor.organizationId,
        name: input.name,
        code: input.code,
        modality: input.modality,
        expectedVectorPositivePercentMax: monitoring.expectedVectorPositivePercentMax,
        currentProfileVersion: 1,
        profileVersions: { create: { organizationId: actor.organizationId, version: 1, profile: input.profile, factors, ...snapshotColumns(snapshot), createdById: actor.id } },
      },
    });
    await recordAudit(tx, actor, {
      entity: "Product",
      entityId: product.id,
      action: "create",
      newValues: { name: product.name, code: product.code, modality: product.modality, monitoring, profileVersion: 1, profile: input.profile, factors, durationYears: derivation.durationYears, ruleSet: snapshot.ruleSet, engineVersion: snapshot.engineVersion },
    });
    return { product, derivation };
  });
}

/**
 * Active plans of the product's studies that the derivation no longer accepts: each with
 * its violations that carry no justification. Shown after a profile change (a raised risk
 * can make a compliant plan non-compliant).
 */
export async function listNonCompliantPlans(db: Db | Tx, options: { productId: string; derivation: Derivation; engine?: RulesEngine }) {
  const ruleSet = (options.engine ?? CURRENT_ENGINE).ruleSet;
  const plans = await listActivePlansOfProduct(db, { productId: options.productId });
  return plans.flatMap((row) => {
    const plan = ZPlan.safeParse(row.plan);
    if (!plan.success) return [];
    const justifications = (row.justifications ?? {}) as Record<string, string>;
    const unjustified = listUnjustifiedViolations(validatePlan(options.derivation, plan.data, ruleSet.id), justifications, ruleSet);
    return unjustified.length === 0 ? [] : [{ planVersionId: row.id, version: row.version, studyId: row.study.id, protocolNumber: row.study.protocolNumber, plan: plan.data, violations: unjustified }];
  });
}

/**
 * Write the next risk profile version with its derivation snapshot, in the caller's
 * transaction; flags the active plans the new derivation makes non-compliant (they keep
 * their own activation snapshot: nothing activated changes).
 */
async function writeNextProfileVersion(
  tx: Tx,
  options: { actor: Actor; productId: string; profile: TUpdateRiskProfile["profile"]; factors: object; reason: string; engine: RulesEngine; action: "update" | "reassess" },
) {
  const { actor, engine } = options;
  const product = await getProduct(tx, { actor, productId: options.productId });
  if (!product) throw new AppError("not_found", "No such product.", undefined, { key: "refusal.noSuchProduct" });
  const previous = product.profileVersions[0]!;
  const version = previous.version + 1;
  const snapshot = deriveSnapshot(options.profile, engine);
  await tx.riskProfileVersion.create({
    data: { organizationId: product.organizationId, productId: product.id, version, profile: options.profile, factors: options.factors, ...snapshotColumns(snapshot), reason: options.reason, createdById: actor.id },
  });
  await tx.product.update({ where: { id: product.id }, data: { currentProfileVersion: version } });
  const previousDerivation = previous.derivation as { durationYears?: number };
  const nonCompliantPlans = await listNonCompliantPlans(tx, { productId: product.id, derivation: snapshot.derivation, engine });
  await recordAudit(tx, actor, {
    entity: "Product",
    entityId: product.id,
    action: "update",
    oldValues: {
      profileVersion: previous.version,
      ...(options.action === "update" ? { profile: previous.profile, factors: previous.factors } : {}),
      durationYears: previousDerivation.durationYears ?? null,
      ruleSet: previous.ruleSet,
      engineVersion: previous.engineVersion,
    },
    newValues: {
      profileVersion: version,
      ...(options.action === "update" ? { profile: options.profile, factors: options.factors } : { reassessed: true }),
      durationYears: snapshot.derivation.durationYears,
      ruleSet: snapshot.ruleSet,
      engineVersion: snapshot.engineVersion,
      nonCompliantPlans: nonCompliantPlans.map((p) => `${p.protocolNumber} v${p.version}`),
    },
    reason: options.reason,
  });
  return { version, derivation: snapshot.derivation, nonCompliantPlans };
}

/** A new risk profile version (with its reason); flags the active plans it makes non-compliant. */
export async function updateRiskProfile(db: Db, options: { actor: Actor; input: TUpdateRiskProfile }) {
  const { actor, input } = options;
  return db.$transaction((tx) =>
    writeNextProfileVersion(tx, { actor, productId: input.productId, profile: input.profile, factors: input.factors, reason: input.reason, engine: CURRENT_ENGINE, action: "update" }),
  );
}

/**
 * The current risk profile version as stored, beside what an engine (today's unless another
 * is given) derives from the same profile. Reads only.
 */
export function compareProfileDerivation(row: { profile: unknown; derivation: unknown; ruleSet: string; engineVersion: string }, engine: RulesEngine = CURRENT_ENGINE) {
  const current = deriveSnapshot(ZRiskProfile.parse(row.profile), engine);
  return { current, differs: !sameDerivation(current.derivation, row.derivation as Derivation) };
}

/**
 * A deliberate re-assessment (audited, with its reason): when the engine today derives
 * something other than the stored derivation, a new risk profile version with the same
 * profile and factors stores today's derivation. Activated plan versions keep the derivation
 * they were validated against; those the new one would reject are listed, for an amendment.
 */
export async function reassessRiskProfile(db: Db, options: { actor: Actor; input: TReassessRiskProfile; engine?: RulesEngine }) {
  const { actor, input } = options;
  const engine = options.engine ?? CURRENT_ENGINE;
  return db.$transaction(async (tx) => {
    const product = await getProduct(tx, { actor, productId: input.productId });
    if (!product) throw new AppError("not_found", "No such product.", undefined, { key: "refusal.noSuchProduct" });
    const latest = product.profileVersions[0]!;
    if (!compareProfileDerivation(latest, engine).differs) {
      throw new AppError("conflict", `The rules engine ${engine.version} derives what profile version ${latest.version} already stores: nothing to re-assess.`, undefined, { key: "refusal.nothingToReassess", params: { engineVersion: engine.version, version: latest.version } });
    }
    return writeNextProfileVersion(tx, { actor, productId: product.id, profile: ZRiskProfile.parse(latest.profile), factors: latest.factors as object, reason: input.reason, engine, action: "reassess" });
  });
}

/** CDE §2.2.3: record why no LTFU is planned and the regulator communication. */
export async function setNoLtfuJustification(db: Db, options: { actor: Actor; input: TNoLtfuJustification }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { id: input.productId, organizationId: actor.organizationId } });
    if (!product) throw new AppError("not_found", "No such product.", undefined, { key: "refusal.noSuchProduct" });
    await tx.product.update({ where: { id: product.id }, data: { noLtfuJustification: input.noLtfuJustification, regulatorCommunication: input.regulatorCommunication } });
    await recordAudit(tx, actor, {
      entity: "Product",
      entityId: product.id,
      action: "update",
      oldValues: { noLtfuJustification: product.noLtfuJustification, regulatorCommunication: product.regulatorCommunication },
      newValues: { noLtfuJustification: input.noLtfuJustification, regulatorCommunication: input.regulatorCommunication },
      reason: "CDE §2.2.3 justification for no long-term follow-up",
    });
  });
}
