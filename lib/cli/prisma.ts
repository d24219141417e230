import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Environment for every prisma CLI call. Prisma 6.19 tries to download native engines unless
 * these point at an existing file; with the client engine and the JS schema engine it never
 * loads them (../shared/STACK.md). package.json is a file that always exists.
 */
export function prismaEnv(databaseUrl?: string): NodeJS.ProcessEnv {
  const placeholder = `${projectRoot}package.json`;
  return {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    PRISMA_DISABLE_WARNINGS: "1",
    DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? "postgresql://unused@localhost/unused",
  };
}

/** Run the prisma CLI; returns its exit code. Output is captured unless `verbose`. */
export function runPrisma(args: string[], options: { databaseUrl?: string; verbose?: boolean } = {}): { status: number; output: string; stdout: string } {
  const result = spawnSync(process.execPath, [`${projectRoot}node_modules/prisma/build/index.js`, ...args], {
    cwd: projectRoot,
    env: prismaEnv(options.databaseUrl),
    encoding: "utf8",
    stdio: options.verbose ? "inherit" : "pipe",
  });
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}`, stdout: result.stdout ?? "" };
}

/** Apply every pending migration; throws with prisma's output on failure. */
export function applyMigrations(databaseUrl: string): void {
  const { status, output } = runPrisma(["migrate", "deploy"], { databaseUrl });
  if (status !== 0) throw new Error(`prisma migrate deploy failed:\n${output}`);
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const { status } = runPrisma(process.argv.slice(2), { verbose: true });
  process.exit(status);
}
