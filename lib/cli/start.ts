import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, buildIsStale } from "@/lib/cli/build";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { applyMigrations } from "@/lib/cli/prisma";
import { ensureAuthSecret } from "@/lib/cli/secret";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";

/**
 * `npm start`: the app with demo data on the embedded database, or on DATABASE_URL when set.
 * Prints what it does, step by step; Ctrl-C / SIGTERM stops the web server, then the database.
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const step = (message: string) => process.stdout.write(`▸ ${message}\n`);

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  let embedded: EmbeddedDatabase | undefined;
  let stopping = false;
  const running: { server?: ReturnType<typeof spawn> } = {};

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    step("stopping");
    const server = running.server;
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await disconnectDb();
    if (embedded) {
      await embedded.stop();
      step("database stopped");
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  const demo = !process.env.DATABASE_URL;
  if (demo) {
    step("starting the embedded PostgreSQL (data in .data/postgres)");
    embedded = await startEmbeddedPostgres({ name: "postgres", preferredPort: Number(process.env.LTFU_PG_PORT ?? 54329), log: step });
    if (!(await embedded.databaseExists("ltfu"))) await embedded.createDatabase("ltfu");
    process.env.DATABASE_URL = embedded.url("ltfu");
    step(`database ready on 127.0.0.1:${embedded.port}`);
  } else {
    step("using the database at DATABASE_URL (no embedded database, no demo data)");
  }

  step("applying migrations");
  applyMigrations(process.env.DATABASE_URL!);

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
  if (buildIsStale()) {
    step("building the app (first start or changed sources; this takes a minute or two)");
    buildApp(env);
  }

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
  server.on("exit", (code) => {
    if (!stopping) {
      process.stderr.write(`web server exited (${code})\n`);
      void shutdown(code ?? 1);
    }
  });
}

main().catch(async (error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await disconnectDb().catch(() => {});
  process.exit(1);
});
