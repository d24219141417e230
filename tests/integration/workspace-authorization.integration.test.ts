import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction, setNoLtfuJustificationAction, updateRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import {
  activateConsentVersionAction,
  createConsentVersionAction,
  createStudyAction,
  setStudyMembersAction,
  setStudySitesAction,
  updateConsentChecklistAction,
  updateStudyAction,
} from "@/app/(app)/studies/actions";
import { GET as listProductsRoute, POST as postProduct } from "@/app/api/v1/products/route";
import { POST as postStudy } from "@/app/api/v1/studies/route";
import { PUT as putMembers } from "@/app/api/v1/studies/[studyId]/members/route";
import { PUT as putSites } from "@/app/api/v1/studies/[studyId]/sites/route";
import { POST as postPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/route";
import { PUT as putPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/route";
import { POST as activatePlanRoute } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/activate/route";
import { POST as postConsent } from "@/app/api/v1/studies/[studyId]/consent-versions/route";
import { PATCH as patchConsent } from "@/app/api/v1/studies/[studyId]/consent-versions/[versionId]/route";
import { POST as activateConsentRoute } from "@/app/api/v1/studies/[studyId]/consent-versions/[versionId]/activate/route";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan, type TPlan } from "@/lib/validation/plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import type { TRiskProfile } from "@/lib/validation/profile";
import { profileOf } from "@/lib/rules/test-profiles";
import { createOrganizationFixture } from "./fixtures";

/**
 * Issue #4: investigators and monitors cannot change any of the sponsor workspace, through a
 * server action or the API, and another organisation cannot reach it; every refused attempt
 * leaves every row (and the audit trail) as it was.
 */
const LENTI: TRiskProfile = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
const ALL_CONFIRMED = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true]));

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;
let studyId: string;
let planDraftId: string;
let consentDraftId: string;
let draftPlan: TPlan;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Every row of the organisation's workspace and its audit trail, for before/after comparison. */
async function snapshot(organizationId: string) {
  const db = getDb();
  const products = await db.product.findMany({ where: { organizationId }, include: { profileVersions: true }, orderBy: { id: "asc" } });
  const studies = await db.study.findMany({
    where: { organizationId },
    include: { sites: { orderBy: { siteId: "asc" } }, members: { orderBy: { userId: "asc" } }, planVersions: { orderBy: { version: "asc" } }, consentVersions: { orderBy: { version: "asc" } } },
    orderBy: { id: "asc" },
  });
  const audit = await db.auditLog.count({ where: { organizationId } });
  return { products, studies, audit };
}

beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
  productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti", code: "LV-AUTH", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "AUTH-1", title: "Authorization", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
  unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id, fx.monitor.id] }));
  planDraftId = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
  draftPlan = ZPlan.parse((await getDb().planVersion.findUniqueOrThrow({ where: { id: planDraftId } })).plan);
  consentDraftId = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF v1" })).id;
  unwrap(await updateConsentChecklistAction.run(fx.sponsor, { id: consentDraftId, checklist: ALL_CONFIRMED }));
});
afterAll(disconnectDb);

/** Each write of the workspace, as a call an actor can attempt. */
function attempts(): Record<string, (actor: Actor) => Promise<{ ok: boolean; error?: { code: string } }>> {
  return {
    createProduct: (a) => createProductAction.run(a, { name: "X", code: "X-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) }),
    updateRiskProfile: (a) =>
      updateRiskProfileAction.run(a, { productId, profile: { ...LENTI, platform: "aav", exVivo: false }, factors: defaultFactorsFor({ ...LENTI, platform: "aav", exVivo: false }), reason: "x" }),
    setNoLtfuJustification: (a) => setNoLtfuJustificationAction.run(a, { productId, noLtfuJustification: "x", regulatorCommunication: "x" }),
    createStudy: (a) => createStudyAction.run(a, { protocolNumber: "AUTH-X", title: "X", phase: "phase_1", productId, siteIds: [] }),
    updateStudy: (a) => updateStudyAction.run(a, { id: studyId, title: "Hijacked" }),
    setStudySites: (a) => setStudySitesAction.run(a, { studyId, siteIds: [fx.site1.id, fx.site2.id] }),
    setStudyMembers: (a) => setStudyMembersAction.run(a, { studyId, userIds: [] }),
    createPlanVersion: (a) => createPlanVersionAction.run(a, { studyId, source: "suggested" }),
    updatePlanDraft: (a) => updatePlanDraftAction.run(a, { id: planDraftId, plan: { ...draftPlan, durationMonths: 12 }, justifications: {} }),
    activatePlanVersion: (a) => activatePlanVersionAction.run(a, { id: planDraftId, effectiveDate: "2026-01-01", reason: "x" }),
    createConsentVersion: (a) => createConsentVersionAction.run(a, { studyId, title: "ICF X" }),
    updateConsentChecklist: (a) => updateConsentChecklistAction.run(a, { id: consentDraftId, checklist: {} }),
    activateConsentVersion: (a) => activateConsentVersionAction.run(a, { id: consentDraftId, effectiveDate: "2026-01-01", reason: "x" }),
  };
}

describe("the sponsor workspace refuses every change by an investigator, a monitor or another organisation", () => {
  it.each(["investigator", "monitor"] as const)("server actions: a study member who is an %s is refused (forbidden), nothing changes", async (role) => {
    const before = await snapshot(fx.organization.id);
    for (const [name, attempt] of Object.entries(attempts())) {
      const result = await attempt(fx[role]);
      expect({ name, result }).toMatchObject({ name, result: { ok: false, error: { code: "forbidden" } } });
    }
    expect(await snapshot(fx.organization.id)).toEqual(before);
  });

  it("server actions: another organisation's sponsor administrator cannot reach this organisation's rows", async () => {
    const before = await snapshot(fx.organization.id);
    const otherBefore = await snapshot(other.organization.id);
    const { createProduct, ...crossTenant } = attempts();
    void createProduct;
    for (const [name, attempt] of Object.entries(crossTenant)) {
      const result = await attempt(other.sponsor);
      expect({ name, ok: result.ok }).toEqual({ name, ok: false });
      expect({ name, code: result.error?.code }).toMatchObject({ name, code: expect.stringMatching(/^(not_found|bad_request)$/) });
    }
    expect(await snapshot(fx.organization.id)).toEqual(before);
    expect(await snapshot(other.organization.id)).toEqual(otherBefore);
  });

  it.each(["investigator", "monitor"] as const)("API: an %s's token gets 403 on every write route, nothing changes", async (role) => {
    const { token } = await createApiToken(getDb(), { actor: fx[role], name: `${role} token` });
    const before = await snapshot(fx.organization.id);
    const request = (method: string, body: unknown) =>
      new Request("http://test/api/v1/x", { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    const params = <T extends Record<string, string>>(value: T) => ({ params: Promise.resolve(value) });
    const responses: Record<string, Response> = {
      "POST /products": await postProduct(request("POST", { name: "X", code: "X-2", profile: LENTI }), params({})),
      "POST /studies": await postStudy(request("POST", { protocolNumber: "AUTH-Y", title: "Y", phase: "phase_1", productId, siteIds: [] }), params({})),
      "PUT /studies/:id/sites": await putSites(request("PUT", { siteIds: [fx.site2.id] }), params({ studyId })),
      "PUT /studies/:id/members": await putMembers(request("PUT", { userIds: [] }), params({ studyId })),
      "POST /studies/:id/plan-versions": await postPlanVersion(request("POST", { source: "suggested" }), params({ studyId })),
      "PUT /studies/:id/plan-versions/1": await putPlanVersion(request("PUT", { plan: { ...draftPlan, durationMonths: 12 } }), params({ studyId, version: "1" })),
      "POST /studies/:id/plan-versions/1/activate": await activatePlanRoute(request("POST", { effectiveDate: "2026-01-01", reason: "x" }), params({ studyId, version: "1" })),
      "POST /studies/:id/consent-versions": await postConsent(request("POST", { title: "ICF Y" }), params({ studyId })),
      "PATCH /studies/:id/consent-versions/:v": await patchConsent(request("PATCH", { checklist: {} }), params({ studyId, versionId: consentDraftId })),
      "POST /studies/:id/consent-versions/:v/activate": await activateConsentRoute(request("POST", { effectiveDate: "2026-01-01", reason: "x" }), params({ studyId, versionId: consentDraftId })),
    };
    for (const [route, response] of Object.entries(responses)) {
      expect({ route, status: response.status }).toEqual({ route, status: 403 });
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
    expect(await snapshot(fx.organization.id)).toEqual(before);
  });
});

describe("product visibility and consistency", () => {
  it("a monitor sees the products of the studies they are members of, and no other", async () => {
    const lone = await createOrganizationFixture();
    const hidden = unwrap(await createProductAction.run(lone.sponsor, { name: "Hidden", code: "HID-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
    const { token } = await createApiToken(getDb(), { actor: lone.monitor, name: "lone monitor" });
    const get = async () => (await (await listProductsRoute(new Request("http://test/api/v1/products", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) })).json()) as { products: { id: string }[] };
    expect((await get()).products).toEqual([]);
    const study = unwrap(await createStudyAction.run(lone.sponsor, { protocolNumber: "VIS-1", title: "Visible", phase: "phase_1", productId: hidden, siteIds: [] })).id;
    unwrap(await setStudyMembersAction.run(lone.sponsor, { studyId: study, userIds: [lone.monitor.id] }));
    expect((await get()).products.map((p) => p.id)).toEqual([hidden]);
  });

  it("API: factors that contradict the profile are refused naming the factor, and nothing is stored", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "sponsor" });
    const factors = defaultFactorsFor({ ...LENTI, geneEditing: true });
    const response = await postProduct(
      new Request("http://test/api/v1/products", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Contradiction", code: "CONTRA-1", profile: LENTI, factors }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: "factors.gene_editing.status" } });
    expect(await getDb().product.count({ where: { code: "CONTRA-1" } })).toBe(0);
  });
});
