import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { createUserAction, setUserDisabledAction } from "@/app/(app)/sponsor/users/actions";
import { setStudySitesAction } from "@/app/(app)/studies/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createOrganizationFixture } from "./fixtures";

/** Forms submit their FormData as it is: the action reads it through the shared schema. */
let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
beforeAll(async () => {
  fx = await createOrganizationFixture();
});
afterAll(disconnectDb);

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("actions fed a form's FormData", () => {
  it("refuse a bad site code, naming the field, and write nothing", async () => {
    const code = `BAD ${Date.now()}!`;
    const result = await createSiteAction.run(fx.sponsor, form([["code", code], ["name", "Hospital"], ["country", "China"], ["principalInvestigator", ""]]));
    expect(result).toEqual({
      ok: false,
      error: { code: "bad_request", message: "code: letters, digits, - and _ only", field: "code", fieldErrors: [{ field: "code", message: "letters, digits, - and _ only" }] },
    });
    expect(await getDb().site.count({ where: { code } })).toBe(0);
  });

  it("create a site from the form's fields (an empty optional field is absent)", async () => {
    const code = `F${Date.now()}`;
    const result = await createSiteAction.run(fx.sponsor, form([["code", code], ["name", "Form Hospital"], ["country", "China"], ["principalInvestigator", ""]]));
    expect(result.ok).toBe(true);
    const site = await getDb().site.findFirstOrThrow({ where: { code } });
    expect(site).toMatchObject({ name: "Form Hospital", country: "China", principalInvestigator: null });
  });

  it("read checkbox groups as arrays and a hidden boolean as a boolean", async () => {
    const email = `form-${Date.now()}@demo.test`;
    const created = await createUserAction.run(
      fx.sponsor,
      form([["email", email], ["name", "Form User"], ["role", "INVESTIGATOR"], ["password", "long enough pw"], ["siteIds", fx.site1.id], ["siteIds", fx.site2.id]]),
    );
    expect(created.ok).toBe(true);
    const user = await getDb().user.findFirstOrThrow({ where: { email }, include: { sites: true } });
    expect(user.sites.map((s) => s.siteId).sort()).toEqual([fx.site1.id, fx.site2.id].sort());

    const disabled = await setUserDisabledAction.run(fx.sponsor, form([["userId", user.id], ["disabled", "true"], ["reason", "left the study"]]));
    expect(disabled.ok).toBe(true);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
  });

  it("refuse a duplicate site code on the code field, with the refusal's key", async () => {
    const result = await createSiteAction.run(fx.sponsor, form([["code", fx.site1.code], ["name", "Again"], ["country", "China"]]));
    expect(result).toMatchObject({ ok: false, error: { code: "conflict", field: "code", key: "refusal.duplicate" } });
    expect(await getDb().site.count({ where: { organizationId: fx.organization.id, code: fx.site1.code } })).toBe(1);
  });

  it("carry a refusal's catalog key and parameters back to the form", async () => {
    const result = await setStudySitesAction.run(fx.sponsor, form([["studyId", "no-such-study"], ["siteIds", fx.site1.id]]));
    expect(result).toMatchObject({ ok: false, error: { code: "not_found", key: "refusal.noSuchStudy" } });
  });
});
