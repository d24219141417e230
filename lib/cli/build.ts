import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["package.json", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "proxy.ts", "instrumentation.ts"];

/** Every source file under `entry` (a file or a folder), skipping generated code and dependencies. */
function sourceFiles(entry: string): string[] {
  const stat = statSync(entry, { throwIfNoEntry: false });
  if (!stat) return [];
  if (!stat.isDirectory()) return [entry];
  return readdirSync(entry)
    .filter((child) => child !== "generated" && child !== "node_modules")
    .sort()
    .flatMap((child) => sourceFiles(path.join(entry, child)));
}

/**
 * A hash of the sources a production build is made from: every file's path and content. Content,
 * not modification times: a file edited while `next build` runs, or a branch switched back, must
 * not count as built.
 */
export function sourceFingerprint(root = projectRoot): string {
  const hash = createHash("sha256");
  for (const entry of [...SOURCE_DIRS, ...SOURCE_FILES]) {
    for (const file of sourceFiles(path.join(root, entry))) {
      hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

/** Where a successful build records the fingerprint of the sources it was started from. */
const stampFile = (root: string) => path.join(root, ".next", "LTFU_SOURCE_FINGERPRINT");

/** True when there is no production build, or the sources differ from those it was built from. */
export function buildIsStale(root = projectRoot): boolean {
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile(root))) return true;
  return readFileSync(stampFile(root), "utf8").trim() !== sourceFingerprint(root);
}

/** `next build`, its output kept in .data/logs/build.log and shown only if it fails. */
export function buildApp(env: NodeJS.ProcessEnv): void {
  // Taken before the build reads the sources: an edit made during the build leaves it stale.
  const fingerprint = sourceFingerprint();
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
  writeFileSync(stampFile(projectRoot), `${fingerprint}\n`);
}
