import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATION, DEMO_PASSWORD, DEMO_SITES } from "@/prisma/demo-accounts";
import { seedDemoProgram } from "@/prisma/seed-demo-program";
import { seedDemoQueries } from "@/prisma/seed-demo-queries";
import { seedDemoSafety } from "@/prisma/seed-demo-safety";

/**
 * Seed the demo organisation, its two sites and one user per role, once (audited as the
 * system actor, in one transaction); then the demo program of prisma/seed-demo-program.ts,
 * once. A demo database from before an account was added gets the missing account.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.organization.findFirst({ where: { name: DEMO_ORGANIZATION } });
  const accounts = existing ? await addMissingDemoAccounts(db, existing.id) : await seedDemoOrganization(db);
  const program = await seedDemoProgram(db);
  const safety = await seedDemoSafety(db);
  const queries = await seedDemoQueries(db);
  return accounts || program || safety || queries;
}

async function addMissingDemoAccounts(db: Db, organizationId: string): Promise<boolean> {
  const present = new Set((await db.user.findMany({ where: { organizationId }, select: { email: true } })).map((u) => u.email));
  const missing = DEMO_ACCOUNTS.filter((account) => !present.has(account.email));
  if (missing.length === 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    for (const account of missing) {
      const sites = await tx.site.findMany({ where: { organizationId, code: { in: account.siteCodes } }, select: { id: true } });
      const user = await tx.user.create({
        data: { organizationId, email: account.email, name: account.name, role: account.role, passwordHash, sites: { create: sites.map((s) => ({ siteId: s.id })) } },
      });
      await tx.auditLog.create({
        data: { actorEmail: "system:demo-seed", actorRole: "SYSTEM", organizationId, entity: "User", entityId: user.id, action: "create", newValues: { email: user.email, name: user.name, role: user.role, siteIds: sites.map((s) => s.id) }, reason: "demo data" },
      });
    }
  });
  return true;
}

async function seedDemoOrganization(db: Db): Promise<boolean> {
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
        data: { organizationId: organization.id, email: account.email, name: account.name, role: account.role, passwordHash, sites: { create: sites.map((siteId) => ({ siteId })) } },
      });
      await audit("User", user.id, organization.id, { email: user.email, name: user.name, role: user.role, siteIds: sites });
    }
  });
  return true;
}
