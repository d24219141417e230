import pg from "pg";
import { parse } from "pg-connection-string";

/**
 * The application connects as a role that owns nothing: migrations run as the owner (the
 * embedded superuser, or DATABASE_OWNER_URL on a real server), and after every migrate the
 * owner grants the app role, generically over every table and sequence of `public`, exactly
 * what the app needs:
 *  - SELECT, INSERT, UPDATE, DELETE on every table, except those of APP_RESTRICTED_TABLES:
 *    audit_log SELECT and INSERT only (the append-only trigger is the second wall, for the
 *    owner); the summaries kept by triggers (visit_summary, subject_summary) SELECT only, their
 *    triggers writing them as their owner (SECURITY DEFINER, migration 20261128020000);
 *  - EXECUTE on no SECURITY DEFINER function of `public` (they run only as triggers: PostgreSQL
 *    checks EXECUTE when a trigger is created, not when it fires), revoked from PUBLIC too;
 *  - nothing on _prisma_migrations; no TRUNCATE, REFERENCES or TRIGGER anywhere;
 *  - USAGE on the schema (no CREATE), USAGE and SELECT on sequences;
 *  - TEMPORARY on the database: the plan rows' rewrite stages each chunk in temporary tables
 *    (`ON COMMIT DROP`, lib/subjects/schedule-rows.ts) so the planner has their statistics.
 *    PostgreSQL grants it to PUBLIC by default; granted here so a server that revoked it from
 *    PUBLIC still works.
 * Owning nothing lasting (a temporary table lives in its own session's schema and goes with
 * the transaction) and not being a superuser, it can neither run DDL on the app's tables, nor disable or drop a
 * trigger, nor set session_replication_role. Tables other branches add are covered because
 * the grants are re-applied after each migrate.
 */
export const EMBEDDED_APP_ROLE = "ltfu_app";
// The embedded cluster listens on loopback only and belongs to this checkout (lib/cli/embedded-db.ts).
export const EMBEDDED_APP_PASSWORD = "ltfu-app-embedded";

/**
 * Tables the app role may not change freely: what it keeps of SELECT, INSERT, UPDATE, DELETE
 * (never TRUNCATE). One entry per table; a table missing from the database is skipped (the
 * grants run after every migrate, also on databases of earlier releases).
 */
export const APP_RESTRICTED_TABLES: Readonly<Record<string, ReadonlyArray<"SELECT" | "INSERT">>> = {
  // Append-only: every change to clinical or configuration data, never edited nor deleted.
  audit_log: ["SELECT", "INSERT"],
  // Dashboard counts, written only by triggers in the same transaction as the data.
  visit_summary: ["SELECT"],
  subject_summary: ["SELECT"],
};
const WRITES = ["INSERT", "UPDATE", "DELETE", "TRUNCATE"] as const;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The owner's connection string with the app role's user and password instead. */
export function appRoleUrl(ownerUrl: string, role = EMBEDDED_APP_ROLE, password = EMBEDDED_APP_PASSWORD): string {
  const url = new URL(ownerUrl);
  url.username = encodeURIComponent(role);
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** Create the app role when missing (embedded cluster), with LOGIN and no other attribute. */
export async function ensureAppRole(ownerUrl: string, role = EMBEDDED_APP_ROLE, password = EMBEDDED_APP_PASSWORD): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const exists = (await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount === 1;
    const attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT";
    await client.query(`${exists ? "ALTER" : "CREATE"} ROLE ${quoteIdent(role)} WITH ${attributes} PASSWORD ${quoteLiteral(password)}`);
  });
}

/** Grant the app role (the user of `appUrl`) its privileges on the owner's database. Idempotent. */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const role = parse(appUrl).user;
  const database = parse(ownerUrl).database;
  if (!role || !database) throw new Error("grantAppRole: the connection strings must name a user and a database");
  if (role === parse(ownerUrl).user) throw new Error("DATABASE_URL must connect as the app role, not as the owner that runs migrations (see README, database roles)");
  const r = quoteIdent(role);
  await withClient(ownerUrl, async (client) => {
    const attributes = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [role]);
    if (attributes.rows[0]?.rolsuper || attributes.rows[0]?.rolbypassrls) throw new Error(`the app role ${role} must not be a superuser nor bypass row security`);
    const owned = await client.query("SELECT c.relname FROM pg_class c JOIN pg_roles o ON o.oid = c.relowner WHERE o.rolname = $1 LIMIT 1", [role]);
    if (owned.rowCount) throw new Error(`the app role ${role} owns ${owned.rows[0].relname}: it must own nothing (run migrations as the owner)`);
    await client.query("BEGIN");
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    const tables = new Set((await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map((row) => row.tablename));
    for (const [table, kept] of Object.entries(APP_RESTRICTED_TABLES)) {
      const revoked = WRITES.filter((privilege) => !(kept as readonly string[]).includes(privilege));
      if (tables.has(table)) await client.query(`REVOKE ${revoked.join(", ")} ON ${quoteIdent(table)} FROM ${r}`);
    }
    const definers = await client.query<{ signature: string }>(
      "SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.prosecdef",
    );
    for (const { signature } of definers.rows) await client.query(`REVOKE EXECUTE ON FUNCTION ${signature} FROM PUBLIC, ${r}`);
    if (tables.has("_prisma_migrations")) await client.query(`REVOKE ALL ON "_prisma_migrations" FROM ${r}`);
    await client.query("COMMIT");
  });
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
