import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, buildIsStale } from "@/lib/cli/build";
import { appRoleUrl, ensureAppRole, grantAppRole } from "@/lib/cli/db-roles";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";
import { ancestorsUpToNpm, watchAncestors } from "@/lib/cli/process-tree";
import { ensureAuthSecret } from "@/lib/cli/secret";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";

/**
 * `npm start`: the app with demo data on the embedded database, or on DATABASE_URL when set.
 * Prints what it does, step by step. It runs as `node --import tsx` (no tsx CLI in between: its
 * signal relay SIGKILLs a child that takes more than 30 ms to acknowledge a signal, which a
 * loaded machine exceeds, and the database would be orphaned).
 *
 * Stopping (Ctrl-C, or SIGTERM/SIGINT/SIGHUP to any process of the tree — npm, sh, this one,
 * the web server or the database): the web server stops accepting connections and finishes the
 * requests in flight (at most DRAIN_MS, then it is killed), then the database stops, then
 * this process exits, and with it sh and npm. Migrations run as the database owner; the
 * web server connects as the least-privileged app role (lib/cli/db-roles.ts).
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const step = (message: string) => process.stdout.write(`▸ ${message}\n`);
const DRAIN_MS = 10_000;
let startedDatabase: EmbeddedDatabase | undefined;

async function stopServer(server: ChildProcess | undefined): Promise<void> {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  // next start's own SIGTERM handler: server.close() (no new connections), wait for the requests in flight.
  server.kill("SIGTERM");
  const drained = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), DRAIN_MS))]);
  if (!drained) {
    step(`web server still busy after ${DRAIN_MS / 1000}s: killing it`);
    server.kill("SIGKILL");
    await exited;
  }
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  let embedded: EmbeddedDatabase | undefined;
  let stopping = false;
  const running: { server?: ChildProcess } = {};

  const shutdown = async (code: number, why: string) => {
    if (stopping) return;
    stopping = true;
    step(`stopping (${why}): web server first, requests in flight finish`);
    await stopServer(running.server);
    step("web server stopped");
    await disconnectDb().catch(() => {});
    if (embedded) {
      await embedded.stop();
      step("database stopped");
    }
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0, signal));
  watchAncestors(ancestorsUpToNpm(), (pid) => void shutdown(0, `parent process ${pid} ended`));

  const demo = !process.env.DATABASE_URL;
  let ownerUrl: string;
  if (demo) {
    step("starting the embedded PostgreSQL (data in .data/postgres)");
    embedded = await startEmbeddedPostgres({ name: "postgres", preferredPort: Number(process.env.LTFU_PG_PORT ?? 54329), log: step, handleSignals: false, ownProcessGroup: true });
    startedDatabase = embedded;
    embedded.onUnexpectedExit((code, signal) => void shutdown(1, `the database exited (${signal ?? code})`));
    if (!(await embedded.databaseExists("ltfu"))) await embedded.createDatabase("ltfu");
    ownerUrl = embedded.url("ltfu");
    await ensureAppRole(ownerUrl);
    process.env.DATABASE_URL = appRoleUrl(ownerUrl);
    step(`database ready on 127.0.0.1:${embedded.port}`);
  } else {
    ownerUrl = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL!;
    step("using the database at DATABASE_URL (no embedded database, no demo data)");
  }
  if (stopping) return;

  step("applying migrations (as the database owner)");
  applyMigrations(ownerUrl);
  if (ownerUrl !== process.env.DATABASE_URL) {
    await grantAppRole(ownerUrl, process.env.DATABASE_URL!);
    step("privileges of the app role granted (no DDL, audit_log insert-only)");
  } else {
    step("warning: DATABASE_OWNER_URL is not set, so the app connects as the owner of its tables (see README, database roles)");
  }

  if (demo) {
    const seeded = await seedDemo(getDb());
    step(seeded ? "demo data seeded (sign in as sponsor@demo.test / ltfu-demo, see README)" : "demo data already present");
  }
  await disconnectDb();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXTAUTH_SECRET: ensureAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    LTFU_DEMO_MODE: demo ? "1" : "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_OWNER_URL;
  if (buildIsStale()) {
    step("building the app (first start or changed sources; this takes a minute or two)");
    buildApp(env);
  }
  if (stopping) return;

  step(`starting the web server on port ${port}`);
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    if (/\bready\b/i.test(chunk.toString())) step(`ready: http://localhost:${port}  (Ctrl-C to stop)`);
  });
  running.server = server;
  server.on("exit", (code, signal) => {
    if (!stopping) {
      process.stderr.write(`web server exited (${signal ?? code})\n`);
      // Stopped by a signal of its own (SIGTERM to the web server alone): a clean stop of the whole tree.
      void shutdown(signal || code === 143 || code === 130 ? 0 : (code ?? 1), "web server exited");
    }
  });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await disconnectDb().catch(() => {});
  await startedDatabase?.stop().catch(() => {});
  process.exit(1);
});
