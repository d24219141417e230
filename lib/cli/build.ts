import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["package.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "proxy.ts", "instrumentation.ts"];

function newestMtime(entry: string): number {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** True when there is no production build or a source file is newer than it. */
export function buildIsStale(): boolean {
  const buildId = path.join(projectRoot, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].some((entry) => newestMtime(path.join(projectRoot, entry)) > builtAt);
}

/** `next build`, its output kept in .data/logs/build.log and shown only if it fails. */
export function buildApp(env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"], {
    cwd: projectRoot,
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  const logDir = path.join(projectRoot, ".data", "logs");
  mkdirSync(logDir, { recursive: true });
  writeFileSync(path.join(logDir, "build.log"), `${result.stdout ?? ""}${result.stderr ?? ""}`);
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error("next build failed (log: .data/logs/build.log)");
  }
}
