import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createOrganizationFixture } from "./fixtures";

afterAll(disconnectDb);
const root = path.resolve(__dirname, "../..");

function userCreate(args: string[], password: string) {
  return spawnSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "lib/cli/user-create.ts", ...args], {
    cwd: root,
    input: `${password}\n`,
    encoding: "utf8",
    env: process.env,
  });
}

describe("npm run user:create", () => {
  it("creates an investigator at a named site with the password typed in, audited", async () => {
    const fx = await createOrganizationFixture();
    const email = `cli-${Date.now()}@test.test`;
    const result = userCreate(["--email", email, "--role", "INVESTIGATOR", "--organization", fx.organization.name, "--site", fx.site2.code], "typed-secret-1");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { sites: true } });
    expect(user.role).toBe("INVESTIGATOR");
    expect(user.sites.map((s) => s.siteId)).toEqual([fx.site2.id]);
    expect(await verifyPassword(user.passwordHash!, "typed-secret-1")).toBe(true);
    expect(await getDb().auditLog.count({ where: { entityId: user.id, actorEmail: "system:user-create" } })).toBe(1);
  });

  it("refuses a bad role or a short password naming the field, and creates nothing", async () => {
    const email = `bad-${Date.now()}@test.test`;
    const badRole = userCreate(["--email", email, "--role", "ADMIN", "--organization", "Any"], "long-enough-pw");
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toContain("role");
    const shortPassword = userCreate(["--email", email, "--role", "MONITOR", "--organization", "Any"], "short");
    expect(shortPassword.status).toBe(2);
    expect(shortPassword.stderr).toContain("password");
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });
});
