import { appRoleUrl, ensureAppRole, grantAppRole } from "@/lib/cli/db-roles";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";

/**
 * The database `npm start` uses, brought up the same way (embedded PostgreSQL in
 * .data/postgres, migrated as the owner, the app role `ltfu_app` granted, demo organisation and
 * users seeded) — or DATABASE_URL when set, then only migrated (as DATABASE_OWNER_URL when set,
 * the app role then granted). Used by `seed:large` and `bench`. `url` is the app role's (what the
 * app connects as), `ownerUrl` the owner's (for ANALYZE); the caller stops the returned cluster.
 */
export async function openAppDatabase(log: (line: string) => void): Promise<{ url: string; ownerUrl: string; embedded?: EmbeddedDatabase }> {
  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl: string;
  if (!process.env.DATABASE_URL) {
    log("starting the embedded PostgreSQL (data in .data/postgres)");
    embedded = await startEmbeddedPostgres({ name: "postgres", preferredPort: Number(process.env.LTFU_PG_PORT ?? 54329), log });
    if (!(await embedded.databaseExists("ltfu"))) await embedded.createDatabase("ltfu");
    ownerUrl = embedded.url("ltfu");
    await ensureAppRole(ownerUrl);
    process.env.DATABASE_URL = appRoleUrl(ownerUrl);
  } else {
    ownerUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  }
  log("applying migrations (as the database owner)");
  applyMigrations(ownerUrl);
  if (ownerUrl !== process.env.DATABASE_URL) await grantAppRole(ownerUrl, process.env.DATABASE_URL!);
  if (embedded) await seedDemo(getDb());
  return { url: process.env.DATABASE_URL!, ownerUrl, embedded };
}
