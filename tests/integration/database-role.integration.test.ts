import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";

/**
 * The application's connection (DATABASE_URL, the role lib/cli/db-roles.ts grants after every
 * migrate) can read and write rows, append to the audit trail and stage rows in temporary
 * tables, and nothing more: no
 * superuser, no DDL, no switching the audit triggers off, no rewriting audit_log.
 */
let app: pg.Client;
beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});
afterAll(async () => {
  await app.end();
  await disconnectDb();
});

/** Run `sql` in a transaction that is always rolled back; resolve to the error message, or null when it succeeded. */
async function attempt(sql: string): Promise<string | null> {
  await app.query("BEGIN");
  try {
    await app.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app.query("ROLLBACK");
  }
}

describe("the app's database role is least-privileged", () => {
  it("is not a superuser, cannot create roles or databases, and owns no table", async () => {
    const { rows } = await app.query("SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user");
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await app.query("SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user");
    expect(owned.rows[0].n).toBe(0);
  });

  it.each<[string, RegExp]>([
    ["SET session_replication_role = replica", /permission denied/],
    ["ALTER TABLE audit_log DISABLE TRIGGER ALL", /must be owner/],
    ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete", /must be owner/],
    ["DROP TRIGGER audit_log_no_update_or_delete ON audit_log", /must be owner/],
    ["DROP TABLE audit_log", /must be owner/],
    ["CREATE TABLE shadow (id int)", /permission denied/],
    ["CREATE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql", /permission denied/],
    ["ALTER TABLE app_user ADD COLUMN x int", /must be owner/],
    ["UPDATE audit_log SET reason = 'rewritten'", /permission denied/],
    ["DELETE FROM audit_log", /permission denied/],
    ["TRUNCATE audit_log", /permission denied/],
    ["TRUNCATE app_user CASCADE", /permission denied/],
    ["SELECT * FROM _prisma_migrations", /permission denied/],
    // The dashboard's summaries are written only by their triggers (SECURITY DEFINER).
    ...["visit_summary", "subject_summary"].flatMap((table): Array<[string, RegExp]> => [
      [`UPDATE ${table} SET "studyId" = "studyId"`, /permission denied/],
      [`DELETE FROM ${table}`, /permission denied/],
      [`TRUNCATE ${table}`, /permission denied/],
      [`ALTER TABLE ${table} DISABLE TRIGGER ALL`, /must be owner/],
    ]),
    [`INSERT INTO visit_summary ("studyId", "siteId", "month", "completed") VALUES ('s', 's', '2026-01-01', 1)`, /permission denied/],
    [`INSERT INTO subject_summary ("studyId", "siteId", "status", "consentVersion", "subjects") VALUES ('s', 's', 'active', 1, 1)`, /permission denied/],
    ["SELECT scheduled_visit_summarise()", /permission denied for function/],
  ])("refuses %s", async (sql, message) => {
    expect(await attempt(sql)).toMatch(message);
  });

  it("may read, insert and change ordinary rows and append to the audit trail", async () => {
    expect(await attempt(`INSERT INTO organization (id, name) VALUES ('role-test', 'Role test')`)).toBeNull();
    expect(await attempt(`INSERT INTO audit_log ("actorEmail", "actorRole", entity, "entityId", action) VALUES ('a@b.c', 'SYSTEM', 'Test', '1', 'create')`)).toBeNull();
    expect(await attempt(`SELECT count(*) FROM audit_log`)).toBeNull();
    expect(await attempt(`SELECT count(*) FROM visit_summary`)).toBeNull();
    expect(await attempt(`SELECT count(*) FROM subject_summary`)).toBeNull();
  });

  it("may stage rows in a temporary table that goes with the transaction (the plan rows' rewrite does)", async () => {
    expect(await attempt(`CREATE TEMP TABLE staged (id int) ON COMMIT DROP; INSERT INTO staged VALUES (1); ANALYZE staged; TRUNCATE staged`)).toBeNull();
    const { rows } = await app.query("SELECT has_database_privilege(current_user, current_database(), 'TEMPORARY') AS temp");
    expect(rows[0].temp).toBe(true);
  });
});
