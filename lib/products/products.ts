import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { getProduct, listActivePlansOfProduct } from "@/lib/db/products";
import { AppError } from "@/lib/errors";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { listUnjustifiedViolations, validatePlan } from "@/lib/rules/validate-plan";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor, type TCreateProductApi, type TNoLtfuJustification, type TUpdateRiskProfile } from "@/lib/validation/product";

const RULE_SET = "CDE-2021";

/** Create a product with risk profile version 1 and its derivation, audited. */
export async function createProduct(db: Db, options: { actor: Actor; input: Omit<TCreateProductApi, "monitoring"> & { monitoring?: TCreateProductApi["monitoring"] } }) {
  const monitoring = options.input.monitoring ?? { expectedVectorPositivePercentMax: null };
  const { actor, input } = options;
  const derivation = deriveRequirements(input.profile);
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
        profileVersions: { create: { version: 1, profile: input.profile, factors, derivation: derivation as object, ruleSet: RULE_SET, createdById: actor.id } },
      },
    });
    await recordAudit(tx, actor, {
      entity: "Product",
      entityId: product.id,
      action: "create",
      newValues: { name: product.name, code: product.code, modality: product.modality, monitoring, profileVersion: 1, profile: input.profile, factors, durationYears: derivation.durationYears },
    });
    return { product, derivation };
  });
}

/**
 * Active plans of the product's studies that the derivation no longer accepts: each with
 * its violations that carry no justification. Shown after a profile change (a raised risk
 * can make a compliant plan non-compliant).
 */
export async function listNonCompliantPlans(db: Db | Tx, options: { productId: string; derivation: ReturnType<typeof deriveRequirements> }) {
  const plans = await listActivePlansOfProduct(db, { productId: options.productId });
  return plans.flatMap((row) => {
    const plan = ZPlan.safeParse(row.plan);
    if (!plan.success) return [];
    const justifications = (row.justifications ?? {}) as Record<string, string>;
    const unjustified = listUnjustifiedViolations(validatePlan(options.derivation, plan.data), justifications);
    return unjustified.length === 0 ? [] : [{ planVersionId: row.id, version: row.version, studyId: row.study.id, protocolNumber: row.study.protocolNumber, violations: unjustified }];
  });
}

/** A new risk profile version (with its reason); flags the active plans it makes non-compliant. */
export async function updateRiskProfile(db: Db, options: { actor: Actor; input: TUpdateRiskProfile }) {
  const { actor, input } = options;
  const derivation = deriveRequirements(input.profile);
  return db.$transaction(async (tx) => {
    const product = await getProduct(tx, { actor, productId: input.productId });
    if (!product) throw new AppError("not_found", "No such product.");
    const previous = product.profileVersions[0]!;
    const version = previous.version + 1;
    await tx.riskProfileVersion.create({
      data: { productId: product.id, version, profile: input.profile, factors: input.factors, derivation: derivation as object, ruleSet: RULE_SET, reason: input.reason, createdById: actor.id },
    });
    await tx.product.update({ where: { id: product.id }, data: { currentProfileVersion: version } });
    const previousDerivation = previous.derivation as { durationYears?: number };
    const nonCompliantPlans = await listNonCompliantPlans(tx, { productId: product.id, derivation });
    await recordAudit(tx, actor, {
      entity: "Product",
      entityId: product.id,
      action: "update",
      oldValues: { profileVersion: previous.version, profile: previous.profile, factors: previous.factors, durationYears: previousDerivation.durationYears ?? null },
      newValues: {
        profileVersion: version,
        profile: input.profile,
        factors: input.factors,
        durationYears: derivation.durationYears,
        nonCompliantPlans: nonCompliantPlans.map((p) => `${p.protocolNumber} v${p.version}`),
      },
      reason: input.reason,
    });
    return { version, derivation, nonCompliantPlans };
  });
}

/** CDE §2.2.3: record why no LTFU is planned and the regulator communication. */
export async function setNoLtfuJustification(db: Db, options: { actor: Actor; input: TNoLtfuJustification }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { id: input.productId, organizationId: actor.organizationId } });
    if (!product) throw new AppError("not_found", "No such product.");
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
