import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction, setNoLtfuJustificationAction, updateRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { POST as postProduct } from "@/app/api/v1/products/route";
import { GET as getProductRoute } from "@/app/api/v1/products/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { violationKey } from "@/lib/plans/plan-engine";
import { listNonCompliantPlans } from "@/lib/products/products";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { validatePlan } from "@/lib/rules/validate-plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import type { TRiskProfile } from "@/lib/validation/profile";
import { profileOf } from "@/lib/rules/test-profiles";
import { createOrganizationFixture } from "./fixtures";

const LENTI_CAR_T: TRiskProfile = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
const AAV: TRiskProfile = { ...LENTI_CAR_T, platform: "aav", exVivo: false };

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;
let studyId: string;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
  productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti CAR-T", code: "LV-CART", modality: "car_t", profile: LENTI_CAR_T, factors: defaultFactorsFor(LENTI_CAR_T) })).id;
  studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "CART-LTFU", title: "LTFU", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
});
afterAll(disconnectDb);

describe("products and risk profiles", () => {
  it("stores profile version 1 with the engine's derivation", async () => {
    const version = await getDb().riskProfileVersion.findFirstOrThrow({ where: { productId } });
    expect(version.version).toBe(1);
    expect(version.derivation).toEqual(JSON.parse(JSON.stringify(deriveRequirements(LENTI_CAR_T))));
    expect((version.derivation as { durationYears: number }).durationYears).toBe(15);
  });

  it("refuses factors that contradict the characteristics, naming the factor", async () => {
    const factors = defaultFactorsFor({ ...LENTI_CAR_T, geneEditing: true });
    const result = await createProductAction.run(fx.sponsor, { name: "X", code: "X-1", modality: "car_t", profile: LENTI_CAR_T, factors });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request", field: "factors.gene_editing.status" } });
  });

  it("API: POST /products returns 201 { id, derivation }; GET returns the current derivation; a bad profile is 400 naming the field", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "api" });
    const auth = { authorization: `Bearer ${token}` };
    const created = await postProduct(new Request("http://t/api/v1/products", { method: "POST", headers: auth, body: JSON.stringify({ name: "AAV eye", code: "AAV-1", profile: AAV }) }), { params: Promise.resolve({}) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; derivation: unknown };
    expect(body.derivation).toEqual(JSON.parse(JSON.stringify(deriveRequirements(AAV))));
    const fetched = await getProductRoute(new Request(`http://t/api/v1/products/${body.id}`, { headers: auth }), { params: Promise.resolve({ id: body.id }) });
    expect(((await fetched.json()) as { derivation: { durationYears: number } }).derivation.durationYears).toBe(5);

    const bad = await postProduct(new Request("http://t/api/v1/products", { method: "POST", headers: auth, body: JSON.stringify({ name: "Bad", code: "BAD", profile: { ...AAV, platform: "adenoassociated" } }) }), { params: Promise.resolve({}) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", field: "profile.platform" } });
    expect(await getDb().product.count({ where: { code: "BAD" } })).toBe(0);

    const { token: otherToken } = await createApiToken(getDb(), { actor: other.sponsor, name: "other" });
    const hidden = await getProductRoute(new Request(`http://t/api/v1/products/${body.id}`, { headers: { authorization: `Bearer ${otherToken}` } }), { params: Promise.resolve({ id: body.id }) });
    expect(hidden.status).toBe(404);
  });

  it("investigators and monitors cannot change products", async () => {
    for (const actor of [fx.investigator, fx.monitor]) {
      expect(await createProductAction.run(actor, { name: "N", code: "N-1", modality: "car_t", profile: AAV, factors: defaultFactorsFor(AAV) })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await updateRiskProfileAction.run(actor, { productId, profile: AAV, factors: defaultFactorsFor(AAV), reason: "x" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect((await getDb().product.findUniqueOrThrow({ where: { id: productId } })).currentProfileVersion).toBe(1);
  });

  it("no LTFU needs the justification and the regulator communication (CDE §2.2.3)", async () => {
    const plasmid: TRiskProfile = { ...AAV, platform: "plasmid", route: "intramuscular" };
    const id = unwrap(await createProductAction.run(fx.sponsor, { name: "Plasmid", code: "PL-1", modality: "nucleic_acid", profile: plasmid, factors: defaultFactorsFor(plasmid) })).id;
    expect(await setNoLtfuJustificationAction.run(fx.sponsor, { productId: id, noLtfuJustification: "non-integrating, transient", regulatorCommunication: "" })).toMatchObject({ ok: false, error: { field: "regulatorCommunication" } });
    expect((await setNoLtfuJustificationAction.run(fx.sponsor, { productId: id, noLtfuJustification: "non-integrating, transient", regulatorCommunication: "CDE pre-IND meeting 2026-03-02" })).ok).toBe(true);
  });
});

describe("plan versions", () => {
  it("draft from the suggestion → activate v1 (valid, no justification needed)", async () => {
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" }));
    expect(draft.version).toBe(1);
    expect(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).toMatchObject({ ok: false, error: { code: "conflict" } });
    const activated = unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-01-15", reason: "initial LTFU plan" }));
    expect(activated).toMatchObject({ version: 1, supersededVersion: null });
    const row = await getDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } });
    expect(row).toMatchObject({ status: "ACTIVE", riskProfileVersion: 1, activatedById: fx.sponsor.id });
    expect(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: ZPlan.parse(row.plan) })).toMatchObject({ ok: false, error: { code: "unprocessable" } });
  });

  it("an 18-monthly clinical plan is refused with the clause until each violation is justified; then it supersedes v1", async () => {
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "copy_latest" }));
    const row = await getDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } });
    const plan: TPlan = ZPlan.parse(row.plan);
    // Clinical visits only at months 18, 36, 54.
    const stretched: TPlan = {
      ...plan,
      visits: plan.visits.map((v) => ({ ...v, activities: v.activities.filter((a) => a.kind !== "clinical_visit" || [18, 36, 54].includes(v.offsetMonths)) })),
    };
    for (const month of [18, 54]) {
      const visit = stretched.visits.find((v) => v.offsetMonths === month);
      if (visit && !visit.activities.some((a) => a.kind === "clinical_visit")) visit.activities.push({ kind: "clinical_visit" });
      if (!visit) stretched.visits.push({ id: `M${month}`, offsetMonths: month, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "clinic", activities: [{ kind: "clinical_visit" }] });
    }
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: stretched }));

    const refused = await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-06-01", reason: "fewer clinic visits" });
    expect(refused).toMatchObject({ ok: false, error: { code: "unprocessable", field: "justifications" } });
    expect(refused.ok ? "" : refused.error.message).toContain("CDE §2.3.2");
    expect((await getDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");

    const validation = validatePlan(deriveRequirements(LENTI_CAR_T), stretched);
    expect(validation.violations.some((v) => v.code === "coverage_gap" && v.citation === "CDE §2.3.2")).toBe(true);
    const justifications = Object.fromEntries(validation.violations.map((v) => [violationKey(v), "Subjects are seen annually by their haematologist; records are collected"]));
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: stretched, justifications }));

    const early = await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-01-15", reason: "same day" });
    expect(early).toMatchObject({ ok: false, error: { field: "effectiveDate" } });

    const activated = unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-06-01", reason: "fewer clinic visits" }));
    expect(activated).toMatchObject({ version: 2, supersededVersion: 1 });
    const statuses = await getDb().planVersion.findMany({ where: { studyId }, orderBy: { version: "asc" }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["SUPERSEDED", "ACTIVE"]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "PlanVersion", entityId: draft.id, action: "activate" } });
    expect(audit.reason).toBe("fewer clinic visits");
    expect((audit.newValues as { acceptedViolations: string[] }).acceptedViolations.length).toBe(validation.violations.length);
  });

  it("a shortened duration needs the override justification (CDE §2.2.3)", async () => {
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "copy_latest" }));
    const row = await getDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } });
    const plan = ZPlan.parse(row.plan);
    const shorter = { ...plan, durationMonths: 120, visits: plan.visits.filter((v) => v.offsetMonths <= 120) };
    const validation = validatePlan(deriveRequirements(LENTI_CAR_T), shorter);
    expect(validation.violations.map((v) => v.code)).toContain("duration_shorter_than_derived");
    const justifications = Object.fromEntries(validation.violations.map((v) => [violationKey(v), "regulator agreed"]));
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: shorter, justifications: { ...(row.justifications as Record<string, string>), ...justifications } }));
    expect(await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-09-01", reason: "shorter" })).toMatchObject({ ok: false, error: { field: "durationOverrideJustification" } });
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: shorter, justifications: { ...(row.justifications as Record<string, string>), ...justifications }, durationOverrideJustification: "persistence undetectable in all subjects for 5 years" }));
    expect((await activatePlanVersionAction.run(fx.sponsor, { id: draft.id, effectiveDate: "2026-09-01", reason: "shorter" })).ok).toBe(true);
  });

  it("investigators and monitors cannot create or activate plan versions; another organisation cannot either", async () => {
    for (const actor of [fx.investigator, fx.monitor]) {
      expect(await createPlanVersionAction.run(actor, { studyId, source: "suggested" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await createPlanVersionAction.run(other.sponsor, { studyId, source: "suggested" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getDb().planVersion.count({ where: { studyId } })).toBe(3);
  });

  it("raising the product's risk flags the active plan that no longer complies", async () => {
    const raised: TRiskProfile = { ...LENTI_CAR_T, germlineDistribution: true };
    const result = unwrap(await updateRiskProfileAction.run(fx.sponsor, { productId, profile: raised, factors: defaultFactorsFor(raised), reason: "new biodistribution data: gonads" }));
    expect(result.version).toBe(2);
    expect(result.nonCompliantPlans).toEqual([expect.objectContaining({ protocolNumber: "CART-LTFU", version: 3 })]);
    const flagged = await listNonCompliantPlans(getDb(), { productId, derivation: deriveRequirements(raised) });
    expect(flagged[0]!.violations.some((v) => v.code === "coverage_gap" && "kind" in v && v.kind === "pregnancy_fertility_monitoring")).toBe(true);
  });
});
