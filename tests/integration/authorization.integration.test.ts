import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteAction, updateSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { createUserAction, setUserDisabledAction } from "@/app/(app)/sponsor/users/actions";
import { revokeApiTokenAction } from "@/app/(app)/settings/actions";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createOrganizationFixture } from "./fixtures";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let other: Awaited<ReturnType<typeof createOrganizationFixture>>;
beforeAll(async () => {
  fx = await createOrganizationFixture();
  other = await createOrganizationFixture();
});
afterAll(disconnectDb);

describe("server actions refuse the wrong role and leave the rows unchanged", () => {
  it("an investigator or monitor cannot create a site", async () => {
    for (const actor of [fx.investigator, fx.monitor]) {
      const result = await createSiteAction.run(actor, { code: "NOPE", name: "Nope", country: "China" });
      expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await getDb().site.count({ where: { code: "NOPE" } })).toBe(0);
  });

  it("an investigator cannot rename a site, even their own", async () => {
    const before = await getDb().site.findUniqueOrThrow({ where: { id: fx.site1.id } });
    const result = await updateSiteAction.run(fx.investigator, { id: fx.site1.id, name: "Hijacked" });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await getDb().site.findUniqueOrThrow({ where: { id: fx.site1.id } })).toEqual(before);
  });

  it("a monitor cannot disable a user", async () => {
    const result = await setUserDisabledAction.run(fx.monitor, { userId: fx.investigator.id, disabled: true, reason: "test" });
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: fx.investigator.id } })).disabledAt).toBeNull();
  });

  it("a signed-out caller is refused before the input is even read", async () => {
    const result = await createUserAction.run(null, { email: "x@test.test" });
    expect(result).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });

  it("another organisation's sponsor cannot change this organisation's site (not found) or disable its users", async () => {
    const before = await getDb().site.findUniqueOrThrow({ where: { id: fx.site1.id } });
    const rename = await updateSiteAction.run(other.sponsor, { id: fx.site1.id, name: "Cross-tenant" });
    expect(rename).toMatchObject({ ok: false, error: { code: "not_found" } });
    const disable = await setUserDisabledAction.run(other.sponsor, { userId: fx.investigator.id, disabled: true, reason: "x" });
    expect(disable).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getDb().site.findUniqueOrThrow({ where: { id: fx.site1.id } })).toEqual(before);
    expect(await getDb().auditLog.count({ where: { entityId: fx.site1.id, action: "update" } })).toBe(0);
  });

  it("a user cannot revoke someone else's API token", async () => {
    const token = await createApiToken(getDb(), { actor: fx.sponsor, name: "sponsor's" });
    const result = await revokeApiTokenAction.run(fx.monitor, { id: token.id });
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } })).revokedAt).toBeNull();
  });
});

describe("bad input gets a message naming the field and writes nothing", () => {
  it("refuses a site code with spaces", async () => {
    const result = await createSiteAction.run(fx.sponsor, { code: "bad code!", name: "Site", country: "China" });
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request", field: "code" } });
    expect(await getDb().site.count({ where: { organizationId: fx.organization.id } })).toBe(2);
  });

  it("refuses an investigator with no site, naming siteIds", async () => {
    const result = await createUserAction.run(fx.sponsor, { email: "new@test.test", name: "New", role: "INVESTIGATOR", password: "long-enough", siteIds: [] });
    expect(result).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await getDb().user.count({ where: { email: "new@test.test" } })).toBe(0);
  });

  it("refuses a duplicate site code as a conflict", async () => {
    const result = await createSiteAction.run(fx.sponsor, { code: fx.site1.code, name: "Again", country: "China" });
    expect(result).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("refuses another organisation's site as an investigator's site", async () => {
    const result = await createUserAction.run(fx.sponsor, { email: "cross@test.test", name: "X", role: "INVESTIGATOR", password: "long-enough", siteIds: [other.site1.id] });
    expect(result).toMatchObject({ ok: false, error: { field: "siteIds" } });
    expect(await getDb().user.count({ where: { email: "cross@test.test" } })).toBe(0);
  });
});
