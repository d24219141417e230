import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** The instrumentation hook, run as the server runs it: a bad environment stops it naming the variable. */
function register(env: Record<string, string>) {
  const script = `const m = await import(${JSON.stringify(path.join(root, "instrumentation.ts"))}); await m.register(); console.log("started");`;
  // react-server: the hook starts the safety sweep, whose services import "server-only" (as `npm start` runs it).
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? "", NEXT_RUNTIME: "nodejs", ...env } as unknown as NodeJS.ProcessEnv,
  });
}

describe("the server checks its environment at start-up", () => {
  it("refuses a short NEXTAUTH_SECRET and a non-PostgreSQL DATABASE_URL, naming both, and exits 1", () => {
    const result = register({ NEXTAUTH_SECRET: "short", DATABASE_URL: "mysql://x" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("NEXTAUTH_SECRET: must be at least 32 characters");
    expect(result.stderr).toContain("DATABASE_URL: must be a postgresql:// connection string");
    expect(result.stdout).not.toContain("started");
  });

  it("starts with a valid environment", () => {
    const result = register({ NEXTAUTH_SECRET: "x".repeat(40), DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db" });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("started");
    expect(result.status).toBe(0);
  });
});
