import type { EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { createMigratedDatabase, startTestCluster } from "@/lib/cli/test-database";

/**
 * Integration tests run against a real PostgreSQL. `npm test` provides a fresh migrated
 * database in DATABASE_URL; run alone (`npx vitest --project integration`), this setup
 * starts the embedded test cluster and creates one for the run, dropped afterwards.
 */
export default async function setup() {
  if (process.env.LTFU_TEST_DATABASE_PROVIDED === "1" && process.env.DATABASE_URL) return;
  const cluster: EmbeddedDatabase = await startTestCluster();
  const database = await createMigratedDatabase(cluster, "integration");
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_OWNER_URL = database.ownerUrl;
  return async () => {
    await cluster.dropDatabase(database.name);
    await cluster.stop();
  };
}
