import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction, updateRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import { activatePlanVersionAction, createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getPlanVersionDerivation } from "@/lib/plans/plan-versions";
import { profileOf } from "@/lib/rules/test-profiles";
import { defaultFactorsFor } from "@/lib/validation/product";
import { createOrganizationFixture } from "./fixtures";

/** A plan version (and its record guide) answers to the risk profile version it was activated against. */
const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
const AAV = profileOf({ platform: "aav", route: "intravenous" });
let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeAll(async () => {
  fx = await createOrganizationFixture();
});
afterAll(disconnectDb);

describe("the derivation behind a plan version", () => {
  it("an active version keeps the derivation of its activation; a new draft follows the current profile", async () => {
    const productId = unwrap(await createProductAction.run(fx.sponsor, { name: "P", code: "GUIDE-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
    const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "GUIDE-1", title: "Guide", phase: "phase_1", productId, siteIds: [] })).id;
    const v1 = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
    unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: v1, effectiveDate: "2026-01-01", reason: "initial" }));
    unwrap(await updateRiskProfileAction.run(fx.sponsor, { productId, profile: AAV, factors: defaultFactorsFor(AAV), reason: "redesigned on AAV" }));

    const active = await getDb().planVersion.findUniqueOrThrow({ where: { id: v1 } });
    expect(active.riskProfileVersion).toBe(1);
    const atActivation = await getPlanVersionDerivation(getDb(), { studyId, planVersion: active });
    expect(atActivation).toMatchObject({ profileVersion: 1, derivation: { durationYears: 15 } });
    expect(atActivation.derivation.requirements.some((r) => r.kind === "integration_monitoring" && r.citation === "CDE §2.4.1")).toBe(true);

    const draft = await getPlanVersionDerivation(getDb(), { studyId, planVersion: { riskProfileVersion: null, derivation: null, ruleSet: null, engineVersion: null } });
    expect(draft).toMatchObject({ profileVersion: 2, derivation: { durationYears: 5 } });
    expect(draft.derivation.requirements.some((r) => r.kind === "integration_monitoring")).toBe(false);
  });
});
