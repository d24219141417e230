import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsStale, sourceFingerprint } from "@/lib/cli/build";

let root: string;
function project() {
  root = mkdtempSync(path.join(os.tmpdir(), "ltfu-build-"));
  mkdirSync(path.join(root, "app"), { recursive: true });
  mkdirSync(path.join(root, "lib", "generated"), { recursive: true });
  writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;\n");
  writeFileSync(path.join(root, "lib", "generated", "client.ts"), "generated\n");
  writeFileSync(path.join(root, "package.json"), "{}\n");
  return root;
}
/** What a successful build leaves: BUILD_ID and the fingerprint of the sources it started from. */
function built(fingerprint: string) {
  mkdirSync(path.join(root, ".next"), { recursive: true });
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  writeFileSync(path.join(root, ".next", "LTFU_SOURCE_FINGERPRINT"), `${fingerprint}\n`);
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("buildIsStale", () => {
  it("is stale without a build, fresh right after one, stale again when a source changes", () => {
    project();
    expect(buildIsStale(root)).toBe(true);
    built(sourceFingerprint(root));
    expect(buildIsStale(root)).toBe(false);
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 2;\n");
    expect(buildIsStale(root)).toBe(true);
  });

  it("counts a file edited during the build as not built, whatever its modification time", () => {
    project();
    const atStart = sourceFingerprint(root);
    writeFileSync(path.join(root, "app", "page.tsx"), "edited while building\n");
    const past = new Date(Date.now() - 3_600_000);
    utimesSync(path.join(root, "app", "page.tsx"), past, past); // older than BUILD_ID
    built(atStart);
    expect(buildIsStale(root)).toBe(true);
  });

  it("sees added and removed files, and ignores generated code", () => {
    project();
    built(sourceFingerprint(root));
    writeFileSync(path.join(root, "lib", "generated", "client.ts"), "regenerated\n");
    expect(buildIsStale(root)).toBe(false);
    writeFileSync(path.join(root, "app", "new.tsx"), "x\n");
    expect(buildIsStale(root)).toBe(true);
    rmSync(path.join(root, "app", "new.tsx"));
    expect(buildIsStale(root)).toBe(false);
  });

  it("is stale when a build left no fingerprint (one made by hand with next build)", () => {
    project();
    built(sourceFingerprint(root));
    rmSync(path.join(root, ".next", "LTFU_SOURCE_FINGERPRINT"));
    expect(buildIsStale(root)).toBe(true);
  });
});
