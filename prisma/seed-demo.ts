import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_SITES } from "@/prisma/demo-accounts";

/**
 * Seed the demo organisation, its two sites and one user per role, once: does nothing when
 * the demo organisation exists. Audited as the system actor, in one transaction.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  if (await db.organization.findFirst({ where: { name: DEMO_ORGANIZATION } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const audit = (entity: string, entityId: string, organizationId: string, newValues: object) =>
      tx.auditLog.create({ data: { actorEmail: "system:demo-seed", actorRole: "SYSTEM", organizationId, entity, entityId, action: "create", newValues, reason: "demo data" } });
    const organization = await tx.organization.create({ data: { name: DEMO_ORGANIZATION } });
    await audit("Organization", organization.id, organization.id, { name: organization.name });
    const siteIds = new Map<string, string>();
    for (const site of DEMO_SITES) {
      const row = await tx.site.create({ data: { ...site, organizationId: organization.id } });
      siteIds.set(site.code, row.id);
      await audit("Site", row.id, organization.id, site);
    }
    for (const account of DEMO_ACCOUNTS) {
      const sites = account.siteCodes.map((code) => siteIds.get(code)!);
      const user = await tx.user.create({
        data: { organizationId: organization.id, email: account.email, name: account.name, role: account.role, passwordHash, sites: { create: sites.map((siteId) => ({ siteId, organizationId: organization.id })) } },
      });
      await audit("User", user.id, organization.id, { email: user.email, name: user.name, role: user.role, siteIds: sites });
    }
  });
  return true;
}
