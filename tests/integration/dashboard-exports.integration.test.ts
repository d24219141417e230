import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb, getDb } from "@/lib/db/client";
import { listStudySitesInScope } from "@/lib/db/study-sites";
import { createSiteWorkFixture, type SiteWorkFixture } from "./site-work-fixtures";

/** The dashboard's export links (#15): which sites' calendars each reader gets for a study. */
let fx: SiteWorkFixture;
let other: SiteWorkFixture;
let outsider: Actor; // a monitor of the organisation who is not a member of the study

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  other = await createSiteWorkFixture();
  const user = await getDb().user.create({ data: { organizationId: fx.organization.id, email: `outsider-exports-${fx.site1.code.toLowerCase()}@test.test`, name: "Outsider", role: "MONITOR" } });
  outsider = { id: user.id, email: user.email, name: user.name, role: "MONITOR", organizationId: fx.organization.id, siteIds: [] };
});
afterAll(disconnectDb);

describe("the study's sites behind the dashboard's calendar links", () => {
  const codes = async (actor: Actor, studyId = fx.studyId) => (await listStudySitesInScope(getDb(), { actor, studyId })).map((s) => s.code);

  it("gives a monitor and the sponsor every current site of the study, an investigator its own only", async () => {
    expect(await codes(fx.monitor)).toEqual([fx.site1.code, fx.site2.code]);
    expect(await codes(fx.sponsor)).toEqual([fx.site1.code, fx.site2.code]);
    expect(await codes(fx.investigator)).toEqual([fx.site1.code]);
    expect(await codes(fx.investigator2)).toEqual([fx.site2.code]);
    expect((await listStudySitesInScope(getDb(), { actor: fx.monitor, studyId: fx.studyId }))[0]).toEqual({ id: fx.site1.id, code: fx.site1.code, name: fx.site1.name });
  });

  it("gives nothing outside the reader's studies or organisation, nor an ended site", async () => {
    expect(await codes(outsider)).toEqual([]);
    expect(await codes(other.monitor)).toEqual([]);
    expect(await codes(other.sponsor)).toEqual([]);
    await getDb().studySite.update({ where: { studyId_siteId: { studyId: fx.studyId, siteId: fx.site2.id } }, data: { endedAt: new Date() } });
    expect(await codes(fx.monitor)).toEqual([fx.site1.code]);
    expect(await codes(fx.investigator2)).toEqual([]);
  });
});
