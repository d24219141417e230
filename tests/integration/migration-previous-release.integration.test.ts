import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, prismaEnv } from "@/lib/cli/prisma";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { profileOf } from "@/lib/rules/test-profiles";
import { defaultFactorsFor } from "@/lib/validation/product";

/**
 * The migrations of this release, applied to the demo database of the previous one, lose
 * nothing. The previous release (commit 8479329) is checked out from git into .data/, its own
 * Prisma client generated, its migrations applied and its demo seed run, exactly as its
 * `npm start` did; the workspace rows its services wrote (products, studies, plan and consent
 * versions with justifications keyed the old way) are added in its schema. Then this
 * release's migrations run and every row is compared.
 */
const PREVIOUS_RELEASE = "8479329";
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const workDir = path.join(projectRoot, ".data", `previous-release-${process.pid}`);
const databaseName = `ltfu_previous_release_${Date.now()}_${process.pid}`;

const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
const AAV = profileOf({ platform: "aav" });

let adminUrl: URL;
let url: string;

function withDatabase(database: string): string {
  const copy = new URL(adminUrl);
  copy.pathname = `/${database}`;
  return copy.toString();
}

async function query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every row of every table, as JSON, in primary-key order. */
async function snapshot() {
  const tables = (await query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`)).map((t) => t.tablename);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) {
    const order = table === "study_site" ? `"studyId", "siteId"` : table === "study_member" ? `"studyId", "userId"` : table === "user_site" ? `"userId", "siteId"` : table === "visit_summary" ? `"studyId", "siteId", "month"` : table === "subject_summary" ? `"studyId", "siteId", "status", "consentVersion"` : "id";
    out[table] = (await query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY ${order}`)).map((r) => r.row);
  }
  return out;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd: workDir, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

/** The previous release's demo database: its migrations and its seed, run from its own sources. */
async function buildPreviousReleaseDatabase() {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const archive = execFileSync("git", ["archive", PREVIOUS_RELEASE], { cwd: projectRoot, maxBuffer: 256 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", workDir], { input: archive });
  symlinkSync(path.join(projectRoot, "node_modules"), path.join(workDir, "node_modules"));
  const env = { ...prismaEnv(url), DATABASE_URL: url };
  const prisma = path.join(projectRoot, "node_modules/prisma/build/index.js");
  run(process.execPath, [prisma, "generate"], env);
  run(process.execPath, [prisma, "migrate", "deploy"], env);
  writeFileSync(
    path.join(workDir, "seed-previous-release.ts"),
    `import { disconnectDb, getDb } from "@/lib/db/client";\nimport { seedDemo } from "@/prisma/seed-demo";\nif (!(await seedDemo(getDb()))) throw new Error("not seeded");\nawait disconnectDb();\n`,
  );
  run(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "seed-previous-release.ts"], env);
}

/** Workspace rows as the previous release's services wrote them (its schema, its justification keys). */
async function addPreviousReleaseWorkspace() {
  const [org] = await query<{ id: string }>(`SELECT id FROM organization`);
  const users = Object.fromEntries((await query<{ id: string; email: string }>(`SELECT id, email FROM app_user`)).map((u) => [u.email, u.id]));
  const sites = Object.fromEntries((await query<{ id: string; code: string }>(`SELECT id, code FROM site`)).map((s) => [s.code, s.id]));
  const sponsor = users["sponsor@demo.test"];
  const o = org!.id;
  const plan = (durationMonths: number) => JSON.stringify({ ruleSet: "CDE-2021", durationMonths, visits: [{ id: "M12", offsetMonths: 12, windowDaysBefore: 14, windowDaysAfter: 14, contactMode: "clinic", activities: [{ kind: "clinical_visit" }] }] });
  const statements: [string, unknown[]][] = [
    [`INSERT INTO product (id, "organizationId", name, code, modality, "currentProfileVersion", "createdAt", "updatedAt") VALUES ('prev-product', $1, 'Lenti CAR-T', 'LV-1', 'car_t', 2, '2026-01-01', '2026-03-01')`, [o]],
    [
      `INSERT INTO risk_profile_version (id, "productId", version, profile, factors, derivation, "ruleSet", reason, "createdById", "createdAt") VALUES ('prev-rpv-1', 'prev-product', 1, $1, $2, $3, 'CDE-2021', NULL, $4, '2026-01-01')`,
      [JSON.stringify(LENTI), JSON.stringify(defaultFactorsFor(LENTI)), JSON.stringify(deriveRequirements(LENTI)), sponsor],
    ],
    [
      `INSERT INTO risk_profile_version (id, "productId", version, profile, factors, derivation, "ruleSet", reason, "createdById", "createdAt") VALUES ('prev-rpv-2', 'prev-product', 2, $1, $2, $3, 'CDE-2021', 'redesigned', $4, '2026-03-01')`,
      [JSON.stringify(AAV), JSON.stringify(defaultFactorsFor(AAV)), JSON.stringify(deriveRequirements(AAV)), sponsor],
    ],
    [`INSERT INTO study (id, "organizationId", "productId", "protocolNumber", title, phase, "createdAt", "updatedAt") VALUES ('prev-study', $1, 'prev-product', 'LTFU-001', 'Follow-up', 'phase_1', '2026-01-02', '2026-01-02')`, [o]],
    [`INSERT INTO study_site ("studyId", "siteId") VALUES ('prev-study', $1), ('prev-study', $2)`, [sites["SH-01"], sites["BJ-02"]]],
    [`INSERT INTO study_member ("studyId", "userId") VALUES ('prev-study', $1), ('prev-study', $2)`, [users["investigator@demo.test"], users["monitor@demo.test"]]],
    // v1: activated before profile versions were recorded (riskProfileVersion NULL), then superseded.
    [
      `INSERT INTO plan_version (id, "studyId", version, status, plan, justifications, "riskProfileVersion", "effectiveDate", "amendmentReason", "activatedAt", "activatedById", "supersededAt", "createdById", "createdAt", "updatedAt")
       VALUES ('prev-plan-1', 'prev-study', 1, 'SUPERSEDED', $1, $2, NULL, '2026-02-01', 'initial', '2026-02-01', $3, '2026-04-01', $3, '2026-01-15', '2026-04-01')`,
      [plan(180), JSON.stringify({ "coverage_gap:integration_monitoring:0-60": "A", "coverage_gap:clinical_visit:0-60": "B", "visit_after_period_end:M200": "C", duration_shorter_than_derived: "D" }), sponsor],
    ],
    [
      `INSERT INTO plan_version (id, "studyId", version, status, plan, justifications, "riskProfileVersion", "effectiveDate", "amendmentReason", "activatedAt", "activatedById", "createdById", "createdAt", "updatedAt")
       VALUES ('prev-plan-2', 'prev-study', 2, 'ACTIVE', $1, $2, 2, '2026-04-01', 'AAV redesign', '2026-04-01', $3, $3, '2026-03-15', '2026-04-01')`,
      [plan(60), JSON.stringify({ "coverage_gap:integration_monitoring:60-180": "E", "coverage_gap:remote_contact:60-180": "F", "coverage_gap:persistence_sampling:0-180": "G" }), sponsor],
    ],
    [`INSERT INTO plan_version (id, "studyId", version, status, plan, justifications, "createdById", "createdAt", "updatedAt") VALUES ('prev-plan-3', 'prev-study', 3, 'DRAFT', $1, $2, $3, '2026-05-01', '2026-05-01')`, [plan(60), JSON.stringify({ "coverage_gap:clinical_visit:0-60": "H" }), sponsor]],
    [
      `INSERT INTO consent_version (id, "studyId", version, status, title, checklist, "effectiveDate", "activatedAt", "activatedById", "supersededAt", "createdById", "createdAt", "updatedAt") VALUES ('prev-consent-1', 'prev-study', 1, 'SUPERSEDED', 'ICF v1', '{"purpose": true}', '2026-02-01', '2026-02-01', $1, '2026-04-01', $1, '2026-01-20', '2026-04-01')`,
      [sponsor],
    ],
    [
      `INSERT INTO consent_version (id, "studyId", version, status, title, checklist, "effectiveDate", "activatedAt", "activatedById", "createdById", "createdAt", "updatedAt") VALUES ('prev-consent-2', 'prev-study', 2, 'ACTIVE', 'ICF v2', '{"purpose": true}', '2026-04-01', '2026-04-01', $1, $1, '2026-03-20', '2026-04-01')`,
      [sponsor],
    ],
    [`INSERT INTO api_token (id, "userId", name, "tokenHash", prefix) VALUES ('prev-token', $1, 'script', 'hash-of-prev-token', 'ltfu_abc')`, [sponsor]],
  ];
  for (const [text, values] of statements) await query(text, values);
}

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set (tests/integration/global-setup.ts provides it)");
  // The owner creates databases and migrates; the app role may not.
  adminUrl = new URL(process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL);
  url = withDatabase(databaseName);
  const admin = new pg.Client({ connectionString: withDatabase("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  await buildPreviousReleaseDatabase();
  await addPreviousReleaseWorkspace();
}, 300_000);

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: withDatabase("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  await admin.end();
});

describe(`migrating the demo database of the previous release (${PREVIOUS_RELEASE})`, () => {
  it("keeps every row and every value; renames only the justification keys; fills the new columns", { timeout: 300_000 }, async () => {
    expect(existsSync(path.join(workDir, "lib/generated/prisma"))).toBe(true);
    const before = await snapshot();
    expect(before.app_user).toHaveLength(3);
    expect(before.audit_log!.length).toBeGreaterThanOrEqual(6);

    applyMigrations(url);
    const after = await snapshot();

    for (const [table, rows] of Object.entries(before)) {
      expect(after[table], table).toHaveLength(rows.length);
      // Every old column keeps its value, row for row; the justification keys and the profile
      // version of a plan activated before versions were recorded are checked below.
      rows.forEach((row, index) => {
        const old = Object.fromEntries(Object.entries(row).filter(([key, value]) => key !== "justifications" && !(key === "riskProfileVersion" && value === null)));
        expect(after[table]![index], `${table}[${index}]`).toMatchObject(old);
      });
    }

    const org = (before.organization![0] as { id: string }).id;
    for (const table of ["user_site", "study_site", "study_member", "risk_profile_version", "plan_version", "consent_version"]) {
      expect(after[table]!.every((row) => row.organizationId === org), table).toBe(true);
    }
    expect(after.user_site!.every((row) => row.endedAt === null && typeof row.startedAt === "string")).toBe(true);
    expect(after.study_member!.every((row) => row.endedAt === null)).toBe(true);
    expect(after.risk_profile_version!.map((row) => row.engineVersion)).toEqual(["1", "1"]);

    const plans = Object.fromEntries(after.plan_version!.map((row) => [row.id as string, row]));
    expect(plans["prev-plan-1"]!.justifications).toEqual({ "coverage_gap:integration_monitoring:early": "A", "coverage_gap:clinical_visit:early": "B", "visit_after_period_end:M200": "C", duration_shorter_than_derived: "D" });
    expect(plans["prev-plan-2"]!.justifications).toEqual({ "coverage_gap:integration_monitoring:late": "E", "coverage_gap:remote_contact:late": "F", "coverage_gap:persistence_sampling:whole": "G" });
    expect(plans["prev-plan-3"]!.justifications).toEqual({ "coverage_gap:clinical_visit:early": "H" });
    // The version activated before profile versions were recorded answers to the one current at its activation.
    expect(plans["prev-plan-1"]).toMatchObject({ riskProfileVersion: 1, productId: "prev-product", ruleSet: "CDE-2021", engineVersion: "1", derivation: JSON.parse(JSON.stringify(deriveRequirements(LENTI))) });
    expect(plans["prev-plan-2"]).toMatchObject({ riskProfileVersion: 2, engineVersion: "1", derivation: JSON.parse(JSON.stringify(deriveRequirements(AAV))) });
    expect(plans["prev-plan-3"]).toMatchObject({ riskProfileVersion: null, derivation: null, engineVersion: null });

    // And the migrated database is frozen like a new one.
    await expect(query(`UPDATE plan_version SET justifications = '{}' WHERE id = 'prev-plan-2'`)).rejects.toThrow(/frozen/);
    const migrations = await query<{ migration_name: string; finished_at: Date | null }>(`SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`);
    expect(migrations.every((m) => m.finished_at !== null)).toBe(true);
    expect(migrations.map((m) => m.migration_name)).toContain("20261126010000_tenancy_freezing_snapshots");
  });
});
