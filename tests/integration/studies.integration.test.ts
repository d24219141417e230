import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activateConsentVersionAction,
  createConsentVersionAction,
  createStudyAction,
  setStudyMembersAction,
  setStudySitesAction,
  updateConsentChecklistAction,
} from "@/app/(app)/studies/actions";
import { GET as getStudyRoute } from "@/app/api/v1/studies/[studyId]/route";
import { POST as activateRoute } from "@/app/api/v1/studies/[studyId]/consent-versions/[versionId]/activate/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getStudy, listStudies } from "@/lib/db/studies";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { createOrganizationFixture } from "./fixtures";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;
let studyId: string;

const fullChecklist = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true]));

beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
  const product = await getDb().product.create({ data: { organizationId: fx.organization.id, name: "CAR-T X", code: `P-${fx.organization.id.slice(-6)}`, modality: "car_t" } });
  productId = product.id;
  const created = await createStudyAction.run(fx.sponsor, { protocolNumber: "LTFU-001", title: "Long-term follow-up of CAR-T X", phase: "phase_1", productId, siteIds: [fx.site1.id, fx.site2.id] });
  if (!created.ok) throw new Error(created.error.message);
  studyId = created.data.id;
});
afterAll(disconnectDb);

describe("studies", () => {
  it("creates the study with its sites and an audit record", async () => {
    const study = await getStudy(getDb(), { actor: fx.sponsor, studyId });
    expect(study?.sites.map((s) => s.siteId).sort()).toEqual([fx.site1.id, fx.site2.id].sort());
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "Study", entityId: studyId, action: "create" } });
    expect(audit.newValues).toMatchObject({ protocolNumber: "LTFU-001", productId });
  });

  it("refuses another organisation's product", async () => {
    const result = await createStudyAction.run(other.sponsor, { protocolNumber: "X", title: "X", phase: "phase_1", productId, siteIds: [] });
    expect(result).toMatchObject({ ok: false, error: { field: "productId" } });
  });

  it("investigators and monitors see only the studies they are members of", async () => {
    expect(await listStudies(getDb(), { actor: fx.investigator })).toHaveLength(0);
    expect(await getStudy(getDb(), { actor: fx.monitor, studyId })).toBeNull();
    const result = await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id, fx.monitor.id] });
    expect(result.ok).toBe(true);
    expect((await listStudies(getDb(), { actor: fx.investigator })).map((s) => s.id)).toEqual([studyId]);
    expect(await getStudy(getDb(), { actor: fx.monitor, studyId })).not.toBeNull();
  });

  it("another organisation cannot see the study, in the UI queries or the API", async () => {
    expect(await getStudy(getDb(), { actor: other.sponsor, studyId })).toBeNull();
    expect(await listStudies(getDb(), { actor: other.sponsor })).toHaveLength(0);
    const { token } = await createApiToken(getDb(), { actor: other.sponsor, name: "t" });
    const response = await getStudyRoute(new Request(`http://t/api/v1/studies/${studyId}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ studyId }) });
    expect(response.status).toBe(404);
  });

  it("investigators and monitors cannot change the study; the rows stay as they were", async () => {
    for (const actor of [fx.investigator, fx.monitor]) {
      expect(await setStudySitesAction.run(actor, { studyId, siteIds: [] })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await createConsentVersionAction.run(actor, { studyId, title: "v" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect(await createStudyAction.run(actor, { protocolNumber: "Y", title: "Y", phase: "phase_1", productId })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await getDb().studySite.count({ where: { studyId, endedAt: null } })).toBe(2);
    expect(await getDb().consentVersion.count({ where: { studyId } })).toBe(0);
  });

  it("a sponsor administrator cannot be made a study member", async () => {
    expect(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.sponsor.id] })).toMatchObject({ ok: false, error: { field: "userIds" } });
  });
});

describe("consent versions (CDE §2.3.1)", () => {
  it("numbers versions, refuses activation until every checklist item is confirmed, then activates", async () => {
    const draft = await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF LTFU", documentRef: "ICF-1.0", checklist: { purpose: true } });
    if (!draft.ok) throw new Error(draft.error.message);
    expect(draft.data.version).toBe(1);

    const refused = await activateConsentVersionAction.run(fx.sponsor, { id: draft.data.id, effectiveDate: "2026-01-01", reason: "first version" });
    expect(refused).toMatchObject({ ok: false, error: { code: "unprocessable", field: "checklist" } });
    expect(refused.ok ? "" : refused.error.message).toContain("genetic_testing");
    expect((await getDb().consentVersion.findUniqueOrThrow({ where: { id: draft.data.id } })).status).toBe("DRAFT");

    expect((await updateConsentChecklistAction.run(fx.sponsor, { id: draft.data.id, checklist: fullChecklist })).ok).toBe(true);
    const activated = await activateConsentVersionAction.run(fx.sponsor, { id: draft.data.id, effectiveDate: "2026-01-01", reason: "first version" });
    expect(activated).toMatchObject({ ok: true, data: { version: 1, reconsentRequired: false } });
  });

  it("activating a new version supersedes the old one and makes re-consent due; the active version is frozen", async () => {
    const v1 = await getDb().consentVersion.findFirstOrThrow({ where: { studyId, version: 1 } });
    expect(await updateConsentChecklistAction.run(fx.sponsor, { id: v1.id, checklist: { purpose: false } })).toMatchObject({ ok: false, error: { code: "unprocessable" } });

    const v2 = await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF LTFU v2", checklist: fullChecklist });
    if (!v2.ok) throw new Error(v2.error.message);
    const activated = await activateConsentVersionAction.run(fx.sponsor, { id: v2.data.id, effectiveDate: "2026-06-01", reason: "new integration-site data changes the risk" });
    expect(activated).toMatchObject({ ok: true, data: { version: 2, reconsentRequired: true } });

    const rows = await getDb().consentVersion.findMany({ where: { studyId }, orderBy: { version: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["SUPERSEDED", "ACTIVE"]);
    const audit = await getDb().auditLog.findMany({ where: { entity: "ConsentVersion", entityId: { in: rows.map((r) => r.id) }, action: { in: ["activate", "supersede"] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["activate", "supersede", "activate"]);
    expect(audit[2]!.reason).toBe("new integration-site data changes the risk");
  });

  it("the database itself allows only one active version per study", async () => {
    await expect(getDb().consentVersion.updateMany({ where: { studyId }, data: { status: "ACTIVE", activatedAt: new Date(), activatedById: fx.sponsor.id } })).rejects.toThrow();
  });

  it("the API refuses a version id under another study's URL without changing it", async () => {
    const secondStudy = await createStudyAction.run(fx.sponsor, { protocolNumber: "LTFU-002", title: "Other", phase: "phase_2", productId });
    if (!secondStudy.ok) throw new Error(secondStudy.error.message);
    const draft = await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF v3", checklist: fullChecklist });
    if (!draft.ok) throw new Error(draft.error.message);
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "t" });
    const response = await activateRoute(
      new Request("http://t/x", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ effectiveDate: "2026-07-01", reason: "r" }) }),
      { params: Promise.resolve({ studyId: secondStudy.data.id, versionId: draft.data.id }) },
    );
    expect(response.status).toBe(404);
    expect((await getDb().consentVersion.findUniqueOrThrow({ where: { id: draft.data.id } })).status).toBe("DRAFT");

    const bad = await activateRoute(
      new Request("http://t/x", { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ effectiveDate: "2026-02-30", reason: "r" }) }),
      { params: Promise.resolve({ studyId, versionId: draft.data.id }) },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", field: "effectiveDate" } });
  });
});
