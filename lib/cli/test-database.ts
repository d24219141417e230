import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";

/**
 * The test cluster: the embedded PostgreSQL in `.data/test-postgres` (apart from the app's,
 * so tests can run while `npm start` does). Each run gets fresh, migrated databases.
 */
export async function startTestCluster(): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres({ name: "test-postgres", preferredPort: Number(process.env.LTFU_TEST_PG_PORT ?? 54339) });
}

export async function createMigratedDatabase(cluster: EmbeddedDatabase, label: string): Promise<{ name: string; url: string }> {
  const name = `ltfu_${label}_${Date.now()}_${process.pid}`;
  await cluster.createDatabase(name);
  const url = cluster.url(name);
  applyMigrations(url);
  return { name, url };
}
