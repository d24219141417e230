import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { disconnectDb, getDb } from "@/lib/db/client";
import { createSite } from "@/lib/organization/sites";
import { createOrganizationFixture } from "./fixtures";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
beforeAll(async () => {
  fx = await createOrganizationFixture();
});
afterAll(disconnectDb);

describe("audit trail", () => {
  it("writes the audit record in the same transaction as the change, with actor, time, old and new values", async () => {
    const db = getDb();
    const before = Date.now();
    const site = await createSite(db, { actor: fx.sponsor, input: { code: "AUD-1", name: "Audited", country: "China" } });
    const records = await db.auditLog.findMany({ where: { entity: "Site", entityId: site.id } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actorId: fx.sponsor.id,
      actorEmail: fx.sponsor.email,
      actorRole: "SPONSOR_ADMIN",
      organizationId: fx.organization.id,
      action: "create",
      oldValues: null,
      newValues: { code: "AUD-1", name: "Audited", country: "China" },
    });
    expect(records[0]!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("rolls the audit record back with the change it describes", async () => {
    const db = getDb();
    const failing = db.$transaction(async (tx) => {
      const site = await tx.site.create({ data: { organizationId: fx.organization.id, code: "ROLLBACK", name: "Never", country: "China" } });
      await recordAudit(tx, fx.sponsor, { entity: "Site", entityId: site.id, action: "create", newValues: { code: "ROLLBACK" } });
      throw new Error("failure after the audit record was written");
    });
    await expect(failing).rejects.toThrow("failure after the audit record");
    expect(await db.site.count({ where: { code: "ROLLBACK" } })).toBe(0);
    expect(await db.auditLog.count({ where: { newValues: { equals: { code: "ROLLBACK" } } } })).toBe(0);
  });

  it("is refused by the database itself on UPDATE, DELETE and TRUNCATE", async () => {
    const db = getDb();
    const site = await createSite(db, { actor: fx.sponsor, input: { code: "AUD-2", name: "Immutable", country: "China" } });
    const record = await db.auditLog.findFirstOrThrow({ where: { entityId: site.id } });

    // The app's role has no UPDATE, DELETE or TRUNCATE on the table at all (lib/cli/db-roles.ts)…
    await expect(db.$executeRawUnsafe(`UPDATE audit_log SET reason = 'rewritten' WHERE id = ${record.id}`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`DELETE FROM audit_log WHERE id = ${record.id}`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    // …and even the owner, who has, is stopped by the append-only triggers.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE audit_log SET reason = 'rewritten' WHERE id = ${record.id}`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_log WHERE id = ${record.id}`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    await expect(db.auditLog.update({ where: { id: record.id }, data: { reason: "rewritten" } })).rejects.toThrow();
    await expect(db.auditLog.deleteMany({})).rejects.toThrow();

    const after = await db.auditLog.findUniqueOrThrow({ where: { id: record.id } });
    expect(after).toEqual(record);
  });

  it("never stores secrets, even hashed", async () => {
    const db = getDb();
    await db.$transaction((tx) => recordAudit(tx, fx.sponsor, { entity: "User", entityId: "x", action: "update", newValues: { passwordHash: "$argon2id$secret", name: "n" } }));
    const record = await db.auditLog.findFirstOrThrow({ where: { entity: "User", entityId: "x" } });
    expect(record.newValues).toEqual({ passwordHash: "[redacted]", name: "n" });
  });
});
