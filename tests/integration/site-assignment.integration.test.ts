import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { updateSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { setUserSitesAction } from "@/app/(app)/sponsor/users/actions";
import { createStudyAction, setStudyMembersAction, setStudySitesAction, updateStudyAction } from "@/app/(app)/studies/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { profileOf } from "@/lib/rules/test-profiles";
import { defaultFactorsFor } from "@/lib/validation/product";
import { createOrganizationFixture } from "./fixtures";

/** Investigators work at sites; a study member keeps a site of the study whatever is reassigned. */
const PROFILE = profileOf({ platform: "aav" });
let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
let productId: string;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}
const sitesOf = async (userId: string) => (await getDb().userSite.findMany({ where: { userId, endedAt: null }, select: { siteId: true } })).map((s) => s.siteId).sort();
const studySitesOf = async (studyId: string) => (await getDb().studySite.findMany({ where: { studyId, endedAt: null }, select: { siteId: true } })).map((s) => s.siteId).sort();

beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
  productId = unwrap(await createProductAction.run(fx.sponsor, { name: "AAV", code: "AAV-SITES", modality: "in_vivo_gene_therapy", profile: PROFILE, factors: defaultFactorsFor(PROFILE) })).id;
});
afterAll(disconnectDb);

describe("investigator site assignment", () => {
  it("the sponsor reassigns an investigator's sites, audited with old and new sites and the reason", async () => {
    const result = await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [fx.site1.id, fx.site2.id], reason: "covers Beijing too" });
    expect(result.ok).toBe(true);
    expect(await sitesOf(fx.investigator.id)).toEqual([fx.site1.id, fx.site2.id].sort());
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "User", entityId: fx.investigator.id, action: "update" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ oldValues: { siteIds: [fx.site1.id] }, newValues: { siteIds: [fx.site1.id, fx.site2.id].sort() }, reason: "covers Beijing too", actorId: fx.sponsor.id });
  });

  it("refuses no site, no reason, a non-investigator, and other organisations' sites, naming the field; nothing changes", async () => {
    const before = await sitesOf(fx.investigator.id);
    expect(await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [], reason: "x" })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [fx.site1.id], reason: " " })).toMatchObject({ ok: false, error: { field: "reason" } });
    expect(await setUserSitesAction.run(fx.sponsor, { userId: fx.monitor.id, siteIds: [fx.site1.id], reason: "x" })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await setUserSitesAction.run(fx.sponsor, { userId: fx.investigator.id, siteIds: [other.site1.id], reason: "x" })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await sitesOf(fx.investigator.id)).toEqual(before);
  });

  it("only the sponsor administrator of the same organisation can reassign", async () => {
    const before = await sitesOf(fx.investigator.id);
    for (const actor of [fx.investigator, fx.monitor]) {
      expect(await setUserSitesAction.run(actor, { userId: fx.investigator.id, siteIds: [fx.site2.id], reason: "x" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await setUserSitesAction.run(other.sponsor, { userId: fx.investigator.id, siteIds: [other.site1.id], reason: "x" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await sitesOf(fx.investigator.id)).toEqual(before);
  });
});

describe("study members keep a site of the study", () => {
  it("an investigator who works at none of the study's sites cannot be made a member", async () => {
    const loner = await getDb().user.create({ data: { organizationId: fx.organization.id, email: `loner-${Date.now()}@test.test`, name: "Loner", role: "INVESTIGATOR", sites: { create: [{ siteId: fx.site2.id, organizationId: fx.organization.id }] } } });
    const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "SITES-1", title: "Sites", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
    const result = await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [loner.id] });
    expect(result).toMatchObject({ ok: false, error: { field: "userIds" } });
    expect(await getDb().studyMember.count({ where: { studyId, endedAt: null } })).toBe(0);
  });

  it("a study cannot drop the only site of an investigator member, nor the investigator that site", async () => {
    const investigator = await getDb().user.create({ data: { organizationId: fx.organization.id, email: `member-${Date.now()}@test.test`, name: "Member", role: "INVESTIGATOR", sites: { create: [{ siteId: fx.site1.id, organizationId: fx.organization.id }] } } });
    const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "SITES-2", title: "Sites", phase: "phase_1", productId, siteIds: [fx.site1.id, fx.site2.id] })).id;
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [investigator.id] }));

    expect(await setStudySitesAction.run(fx.sponsor, { studyId, siteIds: [fx.site2.id] })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await studySitesOf(studyId)).toEqual([fx.site1.id, fx.site2.id].sort());

    expect(await setUserSitesAction.run(fx.sponsor, { userId: investigator.id, siteIds: [fx.site2.id], reason: "moved" })).toMatchObject({ ok: true });
    // The investigator now works at site 2 only: the study cannot drop site 2.
    expect(await setStudySitesAction.run(fx.sponsor, { studyId, siteIds: [fx.site1.id] })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await studySitesOf(studyId)).toEqual([fx.site1.id, fx.site2.id].sort());

    const narrow = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "SITES-3", title: "Sites", phase: "phase_1", productId, siteIds: [fx.site2.id] })).id;
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId: narrow, userIds: [investigator.id] }));
    expect(await setUserSitesAction.run(fx.sponsor, { userId: investigator.id, siteIds: [fx.site1.id], reason: "moved back" })).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await sitesOf(investigator.id)).toEqual([fx.site2.id]);
  });
});

describe("editing a study and a site", () => {
  it("the sponsor changes a study's title and phase: audited with only the changed fields, old and new, and the reason", async () => {
    const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "EDIT-1", title: "Before", phase: "phase_1", productId, siteIds: [] })).id;
    expect(await updateStudyAction.run(fx.sponsor, { id: studyId, title: "After", phase: "phase_2", reason: "protocol amendment 2" })).toMatchObject({ ok: true });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "Study", entityId: studyId, action: "update" } });
    expect(audit).toMatchObject({ oldValues: { title: "Before", phase: "phase_1" }, newValues: { title: "After", phase: "phase_2" }, reason: "protocol amendment 2" });
    expect(await updateStudyAction.run(fx.sponsor, { id: studyId, title: " " })).toMatchObject({ ok: false, error: { field: "title" } });
    expect((await getDb().study.findUniqueOrThrow({ where: { id: studyId } })).title).toBe("After");
  });

  it("the sponsor changes a site's principal investigator, audited; a bad code is refused naming the field", async () => {
    expect(await updateSiteAction.run(fx.sponsor, { id: fx.site2.id, principalInvestigator: "Dr Zhang", reason: "new PI" })).toMatchObject({ ok: true });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "Site", entityId: fx.site2.id, action: "update" } });
    expect(audit).toMatchObject({ newValues: { principalInvestigator: "Dr Zhang" }, reason: "new PI" });
    expect(await updateSiteAction.run(fx.sponsor, { id: fx.site2.id, code: "bad code!" })).toMatchObject({ ok: false, error: { field: "code" } });
  });
});
