import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";
import { getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";

/**
 * The database `npm start` uses, brought up the same way (embedded PostgreSQL in
 * .data/postgres, migrated, demo organisation and users seeded) — or DATABASE_URL when set, then
 * only migrated. Used by `seed:large` and `bench`. The caller stops the returned cluster.
 */
export async function openAppDatabase(log: (line: string) => void): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  let embedded: EmbeddedDatabase | undefined;
  if (!process.env.DATABASE_URL) {
    log("starting the embedded PostgreSQL (data in .data/postgres)");
    embedded = await startEmbeddedPostgres({ name: "postgres", preferredPort: Number(process.env.LTFU_PG_PORT ?? 54329), log });
    if (!(await embedded.databaseExists("ltfu"))) await embedded.createDatabase("ltfu");
    process.env.DATABASE_URL = embedded.url("ltfu");
  }
  log("applying migrations");
  applyMigrations(process.env.DATABASE_URL!);
  if (embedded) await seedDemo(getDb());
  return { url: process.env.DATABASE_URL!, embedded };
}
