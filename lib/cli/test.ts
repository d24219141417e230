import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkBenchOutput } from "@/lib/cli/bench-result";
import { buildApp, buildIsStale } from "@/lib/cli/build";
import type { EmbeddedDatabase } from "@/lib/cli/embedded-db";
import { createMigratedDatabase, startTestCluster } from "@/lib/cli/test-database";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedDemo } from "@/prisma/seed-demo";

/**
 * `npm test`: lint, typecheck, unit tests (twice, under two time zones, for the
 * schedule's calendar arithmetic), integration tests on a fresh embedded PostgreSQL
 * database, browser tests with Playwright on Debian's Chromium against the production build,
 * the benchmark as a smoke test (`npm run bench -- --subjects 2000 --smoke`, on its own database),
 * then the first-load JavaScript of every main page (`npm run weight`, on its own database).
 * Stops at the first failing stage. `--only=<stage,...>` runs a subset.
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string) => path.join(projectRoot, "node_modules", ".bin", name);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const stages = ["lint", "typecheck", "unit", "integration", "e2e", "bench", "weight"] as const;
type Stage = (typeof stages)[number];

const onlyArg = process.argv.find((a) => a.startsWith("--only="));
const selected = new Set<Stage>(onlyArg ? (onlyArg.slice(7).split(",") as Stage[]) : stages);
const BENCH_SUBJECTS = 2_000;

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}): void {
  const started = Date.now();
  process.stdout.write(`\n━━ ${label}\n`);
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`✗ ${label} failed after ${seconds}s\n`);
    throw new StageFailed(label);
  }
  process.stdout.write(`✓ ${label} (${seconds}s)\n`);
}

class StageFailed extends Error {}

/**
 * The benchmark smoke (issue #16): it must finish and print its JSON line, every key a number,
 * with no error under concurrent load. Its output is shown as it comes, then checked.
 */
async function runBenchSmoke(label: string, extraEnv: Record<string, string>): Promise<void> {
  const started = Date.now();
  process.stdout.write(`\n━━ ${label}\n`);
  const child = spawn(bin("tsx"), ["--conditions=react-server", "lib/cli/bench.ts", "--subjects", String(BENCH_SUBJECTS), "--smoke"], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...extraEnv },
  });
  let stdout = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    process.stdout.write(chunk);
  });
  const status = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { problems } = status === 0 ? checkBenchOutput(stdout, BENCH_SUBJECTS) : { problems: [`exit status ${status}`] };
  if (problems.length > 0) {
    process.stdout.write(`✗ ${label} failed after ${seconds}s:\n${problems.map((problem) => `  ${problem}`).join("\n")}\n`);
    throw new StageFailed(label);
  }
  process.stdout.write(`✓ ${label} (${seconds}s)\n`);
}

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install Debian's Chromium as root: apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`,
    );
  }
  run("installing Debian's chromium (apt)", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null"]);
}

/** The ODM export's tests validate with Debian's xmllint against the official schema. */
function ensureXmllint(): void {
  if (spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error("xmllint is missing. Install it as root: apt-get update && apt-get install -y libxml2-utils");
  }
  run("installing Debian's libxml2-utils (apt)", "sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null"]);
}

async function main() {
  const started = Date.now();
  if (selected.has("lint")) run("lint", bin("eslint"), [".", "--max-warnings=0"]);
  if (selected.has("typecheck")) run("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
  if (selected.has("unit") || selected.has("integration")) ensureXmllint();
  if (selected.has("unit")) {
    run("unit tests (TZ=America/Los_Angeles)", bin("vitest"), ["run", "--project", "unit"], { TZ: "America/Los_Angeles" });
    run("component tests (happy-dom)", bin("vitest"), ["run", "--project", "components"]);
    run("schedule, rules and exports unit tests (TZ=Asia/Shanghai)", bin("vitest"), ["run", "--project", "unit", "lib/schedule", "lib/rules", "lib/exports"], { TZ: "Asia/Shanghai" });
  }

  let cluster: EmbeddedDatabase | undefined;
  const databases: string[] = [];
  try {
    if (selected.has("integration") || selected.has("e2e") || selected.has("bench")) {
      process.stdout.write("\n━━ starting the embedded PostgreSQL test cluster (.data/test-postgres)\n");
      cluster = await startTestCluster();
    }
    if (selected.has("integration") && cluster) {
      const database = await createMigratedDatabase(cluster, "integration");
      databases.push(database.name);
      run("integration tests (real PostgreSQL)", bin("vitest"), ["run", "--project", "integration"], {
        DATABASE_URL: database.url,
        DATABASE_OWNER_URL: database.ownerUrl,
        LTFU_TEST_DATABASE_PROVIDED: "1",
      });
    }
    if (selected.has("e2e") && cluster) {
      ensureChromium();
      const database = await createMigratedDatabase(cluster, "e2e");
      databases.push(database.name);
      process.env.DATABASE_URL = database.url;
      await seedDemo(getDb());
      await disconnectDb();
      const env = {
        DATABASE_URL: database.url,
        NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
        LTFU_DEMO_MODE: "1",
        E2E_PORT: process.env.E2E_PORT ?? "3100",
        CHROMIUM_PATH: CHROMIUM,
      };
      if (buildIsStale()) {
        process.stdout.write("\n━━ building the app for the browser tests\n");
        buildApp({ ...process.env, ...env });
      }
      // E2E_ARGS passes options to Playwright, e.g. E2E_ARGS="--repeat-each=3 tests/e2e/sponsor-workspace.spec.ts".
      const extra = (process.env.E2E_ARGS ?? "").split(/\s+/).filter(Boolean);
      run("browser tests (Playwright, Chromium)", bin("playwright"), ["test", ...extra], env);
    }
    if (selected.has("bench") && cluster) {
      // The benchmark as a smoke test (issue #16): a 2,000-subject program on its own database,
      // seeded, served by the production build (built by the browser stage, or by the bench)
      // and measured with fewer repetitions (--smoke); it must finish and print its JSON line
      // with every key a number and no error under load. Timing targets are the benchmark's to
      // report, not a test's to assert.
      const database = await createMigratedDatabase(cluster, "bench");
      databases.push(database.name);
      process.env.DATABASE_URL = database.url;
      await seedDemo(getDb());
      await disconnectDb();
      await runBenchSmoke(`benchmark smoke (npm run bench -- --subjects ${BENCH_SUBJECTS} --smoke)`, {
        DATABASE_URL: database.url,
        DATABASE_OWNER_URL: database.ownerUrl,
        BENCH_PORT: process.env.BENCH_PORT ?? String(Number(process.env.E2E_PORT ?? "3100") + 100),
      });
    }
  } finally {
    if (cluster) {
      for (const name of databases) await cluster.dropDatabase(name).catch(() => {});
      await cluster.stop();
    }
  }
  if (selected.has("weight")) {
    ensureChromium();
    run("first-load JavaScript per page (npm run weight)", bin("tsx"), ["--conditions=react-server", "lib/cli/weight.ts"], { CHROMIUM_PATH: CHROMIUM });
  }
  process.stdout.write(`\nAll selected stages passed in ${((Date.now() - started) / 1000).toFixed(0)}s.\n`);
}

main().catch((error: unknown) => {
  if (!(error instanceof StageFailed)) process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
