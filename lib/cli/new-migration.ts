import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestCluster } from "@/lib/cli/test-database";
import { runPrisma } from "@/lib/cli/prisma";

/**
 * npm run db:new-migration -- <name>
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that turns the
 * committed schema (git HEAD) into the working one. `prisma migrate dev` crashes on the JS
 * schema engine here (docs/decisions/001-database-toolchain.md); `migrate diff` between two
 * schema files does not need introspection. Append hand-written SQL afterwards if needed.
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration -- <snake_case_name>");
  const previous = path.join(mkdtempSync(path.join(tmpdir(), "ltfu-schema-")), "schema.prisma");
  writeFileSync(previous, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: projectRoot }));
  // The CLI connects to the configured database even for a file-to-file diff.
  const cluster = await startTestCluster();
  try {
    const { status, output, stdout } = runPrisma(["migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      databaseUrl: cluster.url("postgres"),
    });
    if (status !== 0) throw new Error(output);
    const sql = stdout.slice(Math.max(0, stdout.search(/^(--|CREATE|ALTER|DROP)/m)));
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(projectRoot, "prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    process.stdout.write(`wrote ${path.relative(projectRoot, dir)}/migration.sql\n`);
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
