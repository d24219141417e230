import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { authenticate, MAX_FAILURES_PER_ACCOUNT } from "@/lib/auth/sign-in";
import { disconnectDb, getDb } from "@/lib/db/client";
import { setUserDisabled } from "@/lib/organization/users";
import { createOrganizationFixture } from "./fixtures";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  fx = await createOrganizationFixture();
  const passwordHash = await hashPassword(PASSWORD);
  await getDb().user.updateMany({ where: { organizationId: fx.organization.id }, data: { passwordHash } });
});
afterAll(disconnectDb);

describe("sign-in", () => {
  it("accepts the right password and stores only an argon2id hash", async () => {
    expect(await authenticate({ email: fx.monitor.email, password: PASSWORD }, "10.0.0.1")).toBe(fx.monitor.id);
    const user = await getDb().user.findUniqueOrThrow({ where: { id: fx.monitor.id } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("normalises the e-mail (case, spaces)", async () => {
    expect(await authenticate({ email: `  ${fx.monitor.email.toUpperCase()} `, password: PASSWORD }, "10.0.0.1")).toBe(fx.monitor.id);
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    expect(await authenticate({ email: fx.monitor.email, password: "wrong" }, "10.0.0.2")).toBeNull();
    expect(await authenticate({ email: "nobody@test.test", password: PASSWORD }, "10.0.0.2")).toBeNull();
  });

  it("writes nothing for malformed input", async () => {
    const before = await getDb().signInAttempt.count();
    expect(await authenticate({ email: "not-an-email", password: "x" }, "10.0.0.3")).toBeNull();
    expect(await authenticate({ email: fx.monitor.email }, "10.0.0.3")).toBeNull();
    expect(await getDb().signInAttempt.count()).toBe(before);
  });

  it(`throttles an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect(await authenticate({ email: fx.investigator.email, password: `wrong-${i}` }, `10.1.0.${i}`)).toBeNull();
    }
    expect(await authenticate({ email: fx.investigator.email, password: PASSWORD }, "10.1.1.1")).toBeNull();
  });

  it("throttles an address that tries many accounts", async () => {
    for (let i = 0; i < 30; i++) await authenticate({ email: `spray-${i}@test.test`, password: "guess" }, "10.9.9.9");
    expect(await authenticate({ email: fx.sponsor.email, password: PASSWORD }, "10.9.9.9")).toBeNull();
    expect(await authenticate({ email: fx.sponsor.email, password: PASSWORD }, "10.9.9.10")).toBe(fx.sponsor.id);
  });

  it("refuses a disabled user", async () => {
    const fx2 = await createOrganizationFixture();
    await getDb().user.update({ where: { id: fx2.monitor.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    await setUserDisabled(getDb(), { actor: fx2.sponsor, input: { userId: fx2.monitor.id, disabled: true, reason: "left the study" } });
    expect(await authenticate({ email: fx2.monitor.email, password: PASSWORD }, "10.2.0.1")).toBeNull();
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: fx2.monitor.id, action: "disable" } });
    expect(audit.reason).toBe("left the study");
  });
});
