import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { activatePlanVersionAction, createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { activateConsentVersionAction, createConsentVersionAction, createStudyAction, setStudyMembersAction } from "@/app/(app)/studies/actions";
import { setUserSitesAction } from "@/app/(app)/sponsor/users/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { profileOf } from "@/lib/rules/test-profiles";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { defaultFactorsFor } from "@/lib/validation/product";
import { createOrganizationFixture } from "./fixtures";

/**
 * The walls the database keeps standing whatever the code does: every write here is raw SQL,
 * as a bug or a hand-run script would send it, and the database must refuse it.
 */
const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;
let otherProductId: string;
let studyId: string;
let activePlanId: string;
let activeConsentId: string;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

// As the owner: the app's own role may not even try these writes (least privilege), so the
// triggers are checked against the one role that could otherwise make them.
const owner = new pg.Pool({ connectionString: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL, max: 2 });
const sql = async (text: string, ...values: unknown[]) => (await owner.query(text, values)).rowCount;

beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
  productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti", code: "WALL-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  otherProductId = unwrap(await createProductAction.run(other.sponsor, { name: "Theirs", code: "WALL-2", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "WALL-1", title: "Walls", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
  activePlanId = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
  unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: activePlanId, effectiveDate: "2026-01-01", reason: "initial plan" }));
  const checklist = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true]));
  activeConsentId = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF v1", checklist })).id;
  unwrap(await activateConsentVersionAction.run(fx.sponsor, { id: activeConsentId, effectiveDate: "2026-01-01", reason: "initial" }));
});
afterAll(async () => {
  await owner.end();
  await disconnectDb();
});

describe("frozen versions", () => {
  it("an active plan version refuses any UPDATE of its content and any DELETE", async () => {
    const before = await getDb().planVersion.findUniqueOrThrow({ where: { id: activePlanId } });
    await expect(sql(`UPDATE plan_version SET plan = '{"ruleSet":"CDE-2021","durationMonths":1,"visits":[]}' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE plan_version SET justifications = '{"coverage_gap:clinical_visit:early":"later"}' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE plan_version SET derivation = '{}' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE plan_version SET "engineVersion" = '99' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE plan_version SET status = 'DRAFT' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    // Superseding may not smuggle another change in with it.
    await expect(sql(`UPDATE plan_version SET status = 'SUPERSEDED', "supersededAt" = now(), "amendmentReason" = 'rewritten' WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`DELETE FROM plan_version WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    expect(await getDb().planVersion.findUniqueOrThrow({ where: { id: activePlanId } })).toEqual(before);
  });

  it("the only change out of DRAFT is ACTIVE → SUPERSEDED with its date; after that, nothing", async () => {
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "copy_latest" })).id;
    // A draft is still a draft: the database lets it change.
    expect(await sql(`UPDATE plan_version SET "durationOverrideJustification" = 'draft note' WHERE id = $1`, draft)).toBe(1);
    unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: draft, effectiveDate: "2026-06-01", reason: "amendment" }));
    const superseded = await getDb().planVersion.findUniqueOrThrow({ where: { id: activePlanId } });
    expect(superseded.status).toBe("SUPERSEDED");
    await expect(sql(`UPDATE plan_version SET status = 'ACTIVE', "supersededAt" = NULL WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE plan_version SET "supersededAt" = now() WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    await expect(sql(`DELETE FROM plan_version WHERE id = $1`, activePlanId)).rejects.toThrow(/frozen/);
    activePlanId = draft;
  });

  it("an activated plan version keeps the derivation it was validated against (the database requires it)", async () => {
    const row = await getDb().planVersion.findUniqueOrThrow({ where: { id: activePlanId } });
    expect(row).toMatchObject({ ruleSet: "CDE-2021", engineVersion: "1", riskProfileVersion: 1, derivation: { durationYears: 15 } });
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "copy_latest" })).id;
    await expect(sql(`UPDATE plan_version SET status = 'ACTIVE', "activatedAt" = now(), "activatedById" = $2, "effectiveDate" = '2027-01-01' WHERE id = $1`, draft, fx.sponsor.id)).rejects.toThrow(/plan_version_activation_snapshot|one_active/);
    expect(await sql(`DELETE FROM plan_version WHERE id = $1`, draft)).toBe(1);
  });

  it("an active consent version refuses UPDATE and DELETE", async () => {
    await expect(sql(`UPDATE consent_version SET title = 'other' WHERE id = $1`, activeConsentId)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE consent_version SET checklist = '{}' WHERE id = $1`, activeConsentId)).rejects.toThrow(/frozen/);
    await expect(sql(`DELETE FROM consent_version WHERE id = $1`, activeConsentId)).rejects.toThrow(/frozen/);
    expect((await getDb().consentVersion.findUniqueOrThrow({ where: { id: activeConsentId } })).title).toBe("ICF v1");
  });

  it("a risk profile version is frozen from the moment it is written", async () => {
    const version = await getDb().riskProfileVersion.findFirstOrThrow({ where: { productId } });
    await expect(sql(`UPDATE risk_profile_version SET derivation = '{}' WHERE id = $1`, version.id)).rejects.toThrow(/frozen/);
    await expect(sql(`UPDATE risk_profile_version SET "engineVersion" = '2' WHERE id = $1`, version.id)).rejects.toThrow(/frozen/);
    await expect(sql(`DELETE FROM risk_profile_version WHERE id = $1`, version.id)).rejects.toThrow(/frozen/);
    // Refused by the trigger (or, under a least-privileged role without TRUNCATE, before it).
    await expect(sql(`TRUNCATE risk_profile_version CASCADE`)).rejects.toThrow(/frozen|permission denied/);
    expect(await getDb().riskProfileVersion.findUniqueOrThrow({ where: { id: version.id } })).toEqual(version);
  });

  it("audit rows are append-only", async () => {
    const record = await getDb().auditLog.findFirstOrThrow({ where: { organizationId: fx.organization.id } });
    await expect(sql(`UPDATE audit_log SET "requestIp" = '10.0.0.1' WHERE id = $1`, record.id)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_log WHERE id = $1`, record.id)).rejects.toThrow(/append-only/);
    await expect(sql(`INSERT INTO audit_log ("actorEmail", "actorRole", entity, "entityId", action, "authMethod") VALUES ('x', 'SYSTEM', 'X', 'x', 'create', 'telepathy')`)).rejects.toThrow(
      /audit_log_auth_method/,
    );
  });
});

describe("tenancy in the schema", () => {
  it("a study cannot point at another organisation's product", async () => {
    const bare = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "WALL-2", title: "No plans", phase: "phase_1", productId, siteIds: [] })).id;
    await expect(sql(`UPDATE study SET "productId" = $2 WHERE id = $1`, bare, otherProductId)).rejects.toThrow(/study_product_same_organization/);
    // A study with plan versions keeps its product: the versions answer to its risk profile.
    await expect(sql(`UPDATE study SET "productId" = $2 WHERE id = $1`, studyId, otherProductId)).rejects.toThrow(/plan_version_study_same_organization/);
    await expect(
      sql(`INSERT INTO study (id, "organizationId", "productId", "protocolNumber", title, phase, "updatedAt") VALUES ('x-study', $1, $2, 'X', 'X', 'phase_1', now())`, fx.organization.id, otherProductId),
    ).rejects.toThrow(/study_product_same_organization/);
  });

  it("study sites, study members and user sites cannot mix organisations", async () => {
    await expect(sql(`INSERT INTO study_site ("organizationId", "studyId", "siteId") VALUES ($1, $2, $3)`, fx.organization.id, studyId, other.site1.id)).rejects.toThrow(/study_site_site_same_organization/);
    await expect(sql(`INSERT INTO study_site ("organizationId", "studyId", "siteId") VALUES ($1, $2, $3)`, other.organization.id, studyId, other.site1.id)).rejects.toThrow(/study_site_study_same_organization/);
    await expect(sql(`INSERT INTO study_member ("organizationId", "studyId", "userId") VALUES ($1, $2, $3)`, fx.organization.id, studyId, other.monitor.id)).rejects.toThrow(/study_member_user_same_organization/);
    await expect(sql(`INSERT INTO user_site ("organizationId", "userId", "siteId") VALUES ($1, $2, $3)`, fx.organization.id, fx.investigator.id, other.site1.id)).rejects.toThrow(/user_site_site_same_organization/);
    await expect(sql(`INSERT INTO user_site ("organizationId", "userId", "siteId") VALUES ($1, $2, $3)`, other.organization.id, fx.investigator.id, other.site1.id)).rejects.toThrow(/user_site_user_same_organization/);
  });

  it("versions link only to their own organisation's users, study and product profile", async () => {
    const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "copy_latest" })).id;
    await expect(sql(`UPDATE plan_version SET "createdById" = $2 WHERE id = $1`, draft, other.sponsor.id)).rejects.toThrow(/plan_version_created_by/);
    await expect(sql(`UPDATE plan_version SET "createdById" = 'nobody' WHERE id = $1`, draft)).rejects.toThrow(/plan_version_created_by/);
    await expect(sql(`UPDATE plan_version SET "riskProfileVersion" = 7 WHERE id = $1`, draft)).rejects.toThrow(/plan_version_risk_profile_version/);
    await expect(sql(`UPDATE plan_version SET "productId" = $2 WHERE id = $1`, draft, otherProductId)).rejects.toThrow(/plan_version_study_same_organization/);
    await expect(sql(`UPDATE plan_version SET "organizationId" = $2 WHERE id = $1`, draft, other.organization.id)).rejects.toThrow(/same_organization|created_by/);
    await expect(
      sql(`INSERT INTO risk_profile_version (id, "organizationId", "productId", version, profile, factors, derivation, "ruleSet", "engineVersion", "createdById") VALUES ('x-rpv', $1, $2, 9, '{}', '{}', '{}', 'CDE-2021', '1', $3)`, fx.organization.id, productId, other.sponsor.id),
    ).rejects.toThrow(/risk_profile_version_created_by/);
    expect(await sql(`DELETE FROM plan_version WHERE id = $1`, draft)).toBe(1);
  });
});

describe("memberships and site assignments end instead of disappearing", () => {
  it("the database refuses to delete them", async () => {
    await expect(sql(`DELETE FROM user_site WHERE "userId" = $1`, fx.investigator.id)).rejects.toThrow(/history/);
    await expect(sql(`DELETE FROM study_site WHERE "studyId" = $1`, studyId)).rejects.toThrow(/history/);
  });

  it("removing a member or a site ends the row; the actor's scope and the study ignore ended rows", async () => {
    const db = getDb();
    unwrap(await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [fx.site1.id, fx.site2.id], reason: "covers site two" }));
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.monitor.id, fx.investigator.id] }));
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id], reason: "monitor reassigned" }));
    unwrap(await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [fx.site1.id], reason: "site two closed" }));

    const memberships = await db.studyMember.findMany({ where: { studyId, userId: fx.monitor.id } });
    expect(memberships).toHaveLength(1);
    expect(memberships[0]!.endedAt).toBeInstanceOf(Date);
    const assignments = await db.userSite.findMany({ where: { userId: fx.investigator.id }, orderBy: { id: "asc" } });
    expect(assignments.map((a) => [a.siteId, a.endedAt === null])).toEqual([
      [fx.site1.id, true],
      [fx.site2.id, false],
    ]);
    expect((await getActorByUserId(db, { userId: fx.investigator.id }))?.siteIds).toEqual([fx.site1.id]);

    // Added again: a new period, the old one kept.
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id, fx.monitor.id] }));
    expect(await db.studyMember.count({ where: { studyId, userId: fx.monitor.id } })).toBe(2);
    expect(await db.studyMember.count({ where: { studyId, userId: fx.monitor.id, endedAt: null } })).toBe(1);
    // At most one open row per pair, whatever the code does.
    await expect(sql(`INSERT INTO study_member ("organizationId", "studyId", "userId") VALUES ($1, $2, $3)`, fx.organization.id, studyId, fx.monitor.id)).rejects.toThrow(/one_open/);
  });
});
