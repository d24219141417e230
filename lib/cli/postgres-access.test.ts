import { chmodSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describePostgresAccessProblem, findFolderClosedToOthers } from "@/lib/cli/postgres-access";

describe("embedded PostgreSQL as root: folders the postgres user cannot enter", () => {
  it("names the first folder above the checkout that others cannot enter (like /root, mode 700)", () => {
    const base = mkdtempSync(path.join(tmpdir(), "ltfu-access-"));
    chmodSync(base, 0o755);
    const closed = path.join(base, "home");
    const checkout = path.join(closed, "ltfu");
    mkdirSync(checkout, { recursive: true });
    chmodSync(checkout, 0o755);
    chmodSync(closed, 0o700);
    expect(findFolderClosedToOthers(checkout)).toBe(closed);
    const line = describePostgresAccessProblem(checkout, true)!;
    expect(line).toContain(`cannot enter ${closed} (mode 700)`);
    expect(line).not.toContain("\n");
    expect(describePostgresAccessProblem(checkout, false)).toBeNull();
    chmodSync(closed, 0o711);
    expect(findFolderClosedToOthers(checkout)).toBeNull();
    expect(describePostgresAccessProblem(checkout, true)).toBeNull();
  });

  it("walks up to the root on a fake file system", () => {
    const modes: Record<string, number> = { "/": 0o755, "/root": 0o700, "/root/ltfu": 0o755 };
    expect(findFolderClosedToOthers("/root/ltfu", (p) => ({ mode: modes[p]! }))).toBe("/root");
    expect(findFolderClosedToOthers("/", (p) => ({ mode: modes[p]! }))).toBeNull();
  });
});
