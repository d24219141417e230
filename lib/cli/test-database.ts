import { appRoleUrl, ensureAppRole, grantAppRole } from "@/lib/cli/db-roles";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";

/**
 * The test cluster: the embedded PostgreSQL in `.data/test-postgres` (apart from the app's,
 * so tests can run while `npm start` does). Each run gets fresh, migrated databases.
 */
export async function startTestCluster(): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ name: "test-postgres", preferredPort: Number(process.env.LTFU_TEST_PG_PORT ?? 54339) });
}

/**
 * A fresh database, migrated by the owner, with the app role granted as `npm start` does:
 * `url` connects as the least-privileged app role (what tests and the app use), `ownerUrl`
 * as the owner (for the few tests that check what only the owner could do).
 */
export async function createMigratedDatabase(cluster: EmbeddedDatabase, label: string): Promise<{ name: string; url: string; ownerUrl: string }> {
  const name = `ltfu_${label}_${Date.now()}_${process.pid}`;
  await cluster.createDatabase(name);
  const ownerUrl = cluster.url(name);
  applyMigrations(ownerUrl);
  await ensureAppRole(ownerUrl);
  const url = appRoleUrl(ownerUrl);
  await grantAppRole(ownerUrl, url);
  return { name, url, ownerUrl };
}
