import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction, reassessRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { GET as getPlanVersionRoute } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/route";
import { GET as getProductRoute } from "@/app/api/v1/products/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { comparePlanDerivation } from "@/lib/plans/plan-versions";
import { reassessRiskProfile } from "@/lib/products/products";
import { CURRENT_ENGINE, type RulesEngine } from "@/lib/rules/engine";
import { CDE_2021 } from "@/lib/rules/rule-set";
import { profileOf } from "@/lib/rules/test-profiles";
import { validatePlan, violationKey } from "@/lib/rules/validate-plan";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import { createOrganizationFixture } from "./fixtures";

/**
 * A rules change, simulated by a second engine version: the first five years end at month 48
 * instead of 60, and clinical visits are due every 6 months instead of 12. Activated plans and
 * their justifications must not move; the difference must be shown, and adopted only by a
 * deliberate, audited re-assessment.
 */
const ENGINE_2: RulesEngine = {
  version: "2-simulated",
  ruleSet: {
    ...CDE_2021,
    version: "2099-01",
    earlyPhaseEndMonths: 48,
    requirements: CDE_2021.requirements.map((rule) => (rule.kind === "clinical_visit" ? { ...rule, maxIntervalMonths: 6 } : rule)),
  },
};
const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
const JUSTIFICATION = "Month 30 integration sample replaced by the month 24 and 36 samples (sample volume, paediatric subjects)";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;
let studyId: string;
let planId: string;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}
const planRow = () => getDb().planVersion.findUniqueOrThrow({ where: { id: planId } });

beforeAll(async () => {
  fx = await createOrganizationFixture();
  productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti", code: "ENG-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "ENG-1", title: "Engine change", phase: "phase_1", productId, siteIds: [] })).id;
  planId = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
  // The sponsor drops the month-30 integration sample and justifies the gap it leaves.
  const plan = ZPlan.parse((await planRow()).plan);
  const m30 = plan.visits.find((v) => v.offsetMonths === 30)!;
  m30.activities = m30.activities.filter((a) => a.kind !== "integration_monitoring");
  const violations = validatePlan(deriveRequirements(LENTI), plan).violations;
  expect(violations.map((v) => violationKey(v))).toEqual(["coverage_gap:integration_monitoring:early"]);
  unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: planId, plan, justifications: { "coverage_gap:integration_monitoring:early": JUSTIFICATION } }));
  unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: planId, effectiveDate: "2026-01-01", reason: "initial plan" }));
});
afterAll(disconnectDb);

describe("a rules change (second engine version)", () => {
  it("the activated plan keeps its derivation; today's engine's is shown beside it, with the difference it makes", async () => {
    const before = await planRow();
    expect(before).toMatchObject({ status: "ACTIVE", engineVersion: "1", ruleSet: "CDE-2021", riskProfileVersion: 1 });

    const comparison = (await comparePlanDerivation(getDb(), { actor: fx.sponsor, studyId, version: 1, engine: ENGINE_2 }))!;
    expect(comparison.differs).toBe(true);
    expect(comparison.stored).toMatchObject({ engineVersion: "1", profileVersion: 1 });
    expect(comparison.current).toMatchObject({ engineVersion: "2-simulated" });
    expect(comparison.stored.derivation.requirements.find((r) => r.kind === "clinical_visit")).toMatchObject({ fromMonth: 0, toMonth: 60, maxIntervalMonths: 12 });
    expect(comparison.current.derivation.requirements.find((r) => r.kind === "clinical_visit")).toMatchObject({ fromMonth: 0, toMonth: 48, maxIntervalMonths: 6 });
    // As activated: compliant, the one gap justified.
    expect(comparison.stored.assessment.unjustified).toEqual([]);
    // Under engine 2 the integration gap sits in months 0–48, not 0–60: its justification, keyed
    // by kind and period, still answers it. Only the new 6-monthly clinical visits are unmet.
    const gap = comparison.current.assessment.validation.violations.find((v) => v.code === "coverage_gap" && v.kind === "integration_monitoring");
    expect(gap).toMatchObject({ fromMonth: 0, toMonth: 48 });
    expect(comparison.current.assessment.unjustified.map((v) => violationKey(v, ENGINE_2.ruleSet))).toEqual(["coverage_gap:clinical_visit:early"]);

    // Reading the comparison changed nothing.
    expect(await planRow()).toEqual(before);
    // Today's engine on the same profile derives what was stored: nothing to show.
    expect((await comparePlanDerivation(getDb(), { actor: fx.sponsor, studyId, version: 1 }))!.differs).toBe(false);
  });

  it("GET …/plan-versions/1 returns the stored derivation, its rule set and engine version", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.monitor, name: "reader" });
    await getDb().studyMember.create({ data: { organizationId: fx.organization.id, studyId, userId: fx.monitor.id } });
    const response = await getPlanVersionRoute(new Request(`http://t/api/v1/studies/${studyId}/plan-versions/1`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ studyId, version: "1" }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { derivation: { durationYears: number; requirements: { kind: string; maxIntervalMonths: number }[] }; ruleSet: string; engineVersion: string; justifications: Record<string, string> };
    expect(body.ruleSet).toBe("CDE-2021");
    expect(body.engineVersion).toBe("1");
    expect(body.derivation.durationYears).toBe(15);
    expect(body.derivation.requirements.find((r) => r.kind === "clinical_visit")?.maxIntervalMonths).toBe(12);
    expect(body.justifications).toEqual({ "coverage_gap:integration_monitoring:early": JUSTIFICATION });
  });

  it("a deliberate re-assessment stores engine 2's derivation as a new profile version, audited; the active plan does not move", async () => {
    const before = await planRow();
    const result = await reassessRiskProfile(getDb(), { actor: fx.sponsor, input: { productId, reason: "CDE guideline revision adopted" }, engine: ENGINE_2 });
    expect(result.version).toBe(2);
    expect(result.nonCompliantPlans.map((p) => [p.protocolNumber, p.version, p.violations.map((v) => violationKey(v, ENGINE_2.ruleSet))])).toEqual([["ENG-1", 1, ["coverage_gap:clinical_visit:early"]]]);

    const profile2 = await getDb().riskProfileVersion.findFirstOrThrow({ where: { productId, version: 2 } });
    expect(profile2).toMatchObject({ engineVersion: "2-simulated", reason: "CDE guideline revision adopted", createdById: fx.sponsor.id });
    expect(profile2.profile).toEqual(JSON.parse(JSON.stringify(LENTI)));
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "Product", entityId: productId, action: "update" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ reason: "CDE guideline revision adopted", actorId: fx.sponsor.id });
    expect(audit.oldValues).toMatchObject({ profileVersion: 1, engineVersion: "1" });
    expect(audit.newValues).toMatchObject({ profileVersion: 2, engineVersion: "2-simulated", reassessed: true, nonCompliantPlans: ["ENG-1 v1"] });

    expect(await planRow()).toEqual(before);
    // Nothing left to re-assess under engine 2.
    await expect(reassessRiskProfile(getDb(), { actor: fx.sponsor, input: { productId, reason: "again" }, engine: ENGINE_2 })).rejects.toThrow(AppError);
    expect(await getDb().riskProfileVersion.count({ where: { productId } })).toBe(2);
  });

  it("the product API shows the stored derivation, and today's engine's beside it when they differ", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "api" });
    const response = await getProductRoute(new Request(`http://t/api/v1/products/${productId}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: productId }) });
    const body = (await response.json()) as { profileVersion: number; engineVersion: string; derivation: { requirements: { kind: string; maxIntervalMonths: number }[] }; derivationToday: { engineVersion: string } | null };
    // Version 2 was derived by engine 2; today's engine (1) derives otherwise, so both are given.
    expect(body.profileVersion).toBe(2);
    expect(body.engineVersion).toBe("2-simulated");
    expect(body.derivation.requirements.find((r) => r.kind === "clinical_visit")?.maxIntervalMonths).toBe(6);
    expect(body.derivationToday?.engineVersion).toBe(CURRENT_ENGINE.version);
  });

  it("the re-assessment action: sponsor administrators only, a reason required, nothing to do when today's engine agrees", async () => {
    const fresh = unwrap(await createProductAction.run(fx.sponsor, { name: "Fresh", code: "ENG-2", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
    for (const actor of [fx.investigator, fx.monitor]) {
      expect(await reassessRiskProfileAction.run(actor, { productId: fresh, reason: "x" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await reassessRiskProfileAction.run(fx.sponsor, { productId: fresh, reason: " " })).toMatchObject({ ok: false, error: { field: "reason" } });
    expect(await reassessRiskProfileAction.run(fx.sponsor, { productId: fresh, reason: "check" })).toMatchObject({ ok: false, error: { code: "conflict" } });
    const other = await createOrganizationFixture();
    expect(await reassessRiskProfileAction.run(other.sponsor, { productId: fresh, reason: "x" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getDb().riskProfileVersion.count({ where: { productId: fresh } })).toBe(1);
  });
});
