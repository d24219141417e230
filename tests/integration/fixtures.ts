import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

/** A fresh organisation with two sites and one actor per role; unique per call so tests never collide. */
export async function createOrganizationFixture() {
  const db = getDb();
  const tag = randomUUID().slice(0, 8);
  const organization = await db.organization.create({ data: { name: `Org ${tag}` } });
  const site1 = await db.site.create({ data: { organizationId: organization.id, code: `S1-${tag}`, name: "Site one", country: "China" } });
  const site2 = await db.site.create({ data: { organizationId: organization.id, code: `S2-${tag}`, name: "Site two", country: "China" } });
  const makeActor = async (role: Role, siteIds: string[] = []): Promise<Actor> => {
    const user = await db.user.create({
      data: { organizationId: organization.id, email: `${role.toLowerCase()}-${tag}@test.test`, name: role, role, sites: { create: siteIds.map((siteId) => ({ siteId, organizationId: organization.id })) } },
    });
    return { id: user.id, email: user.email, name: user.name, role, organizationId: organization.id, siteIds };
  };
  return {
    organization,
    site1,
    site2,
    sponsor: await makeActor("SPONSOR_ADMIN"),
    investigator: await makeActor("INVESTIGATOR", [site1.id]),
    monitor: await makeActor("MONITOR"),
  };
}
