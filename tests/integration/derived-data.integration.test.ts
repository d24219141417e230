import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrolSubjectAction, recordVisitAction, signVisitAction } from "@/app/(app)/subjects/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, unwrap, type SiteWorkFixture } from "./site-work-fixtures";
import { visitSummaryAndRecount as recount } from "./visit-summary-recount";

/**
 * Derived data the app role cannot forge (migration 20261128020000, docs/decisions/010, "Summaries
 * and derived columns: written only by the database"). The app connects as the least-privileged
 * role (DATABASE_URL): it may read the dashboard's summaries but not write them, the triggers
 * that keep them run as their owner, and neither a direct write to a derived column of
 * scheduled_visit nor a temporary table of its own session standing in for a table the triggers
 * read or write makes them lie past the statement.
 */
let fx: SiteWorkFixture;
let owner: pg.Client;
let app: pg.Client;
let subjectId: string;
let recordedVisitId: string;
let signedRecordId: string;

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL });
  await owner.connect();
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await app?.end();
  await disconnectDb();
});

/** Run `work` in a transaction on the app's own connection that is always rolled back. */
async function asAppRolledBack<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  await app.query("BEGIN");
  try {
    return await work(app);
  } finally {
    await app.query("ROLLBACK");
  }
}

async function failure(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** This study's visit_summary and the same counts from scratch, read on `client` (inside its transaction). */
const visitSummaryAndRecount = (client: pg.Client) => recount(client, fx.studyId);

/** Scheduled rows of the study whose derived columns differ from what the subject and the visit record say. */
async function derivedMismatches(client: pg.Client): Promise<unknown[]> {
  return (
    await client.query(
      `SELECT sv."id", sv."visitId", sv."siteId", sv."recordStatus", sv."open"
       FROM public."scheduled_visit" sv
       JOIN public."subject" s ON s."id" = sv."subjectId"
       LEFT JOIN public."visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
       WHERE s."studyId" = $1
         AND (sv."studyId", sv."siteId", sv."recordStatus", sv."recordDate", sv."open")
           IS DISTINCT FROM (s."studyId", s."siteId", r."status", r."date",
             r."status" IS NULL AND NOT (s."status" <> 'active' AND s."statusDate" IS NOT NULL AND sv."targetDate" > s."statusDate"))`,
      [fx.studyId],
    )
  ).rows;
}

describe("the dashboard's summaries: read-only to the app, kept by triggers that run as their owner", () => {
  it("the app's connection may read the summaries and nothing more", async () => {
    const privileges = (
      await app.query(
        `SELECT t AS "table", has_table_privilege(current_user, t, 'SELECT') AS "select", has_table_privilege(current_user, t, 'INSERT') AS "insert",
           has_table_privilege(current_user, t, 'UPDATE') AS "update", has_table_privilege(current_user, t, 'DELETE') AS "delete", has_table_privilege(current_user, t, 'TRUNCATE') AS "truncate"
         FROM unnest(ARRAY['visit_summary', 'subject_summary']) AS t ORDER BY 1`,
      )
    ).rows;
    const readOnly = { select: true, insert: false, update: false, delete: false, truncate: false };
    expect(privileges).toEqual([
      { table: "subject_summary", ...readOnly },
      { table: "visit_summary", ...readOnly },
    ]);
    // The same connection the app's Prisma client uses.
    const [viaPrisma] = await getDb().$queryRawUnsafe<Array<{ user: string }>>(`SELECT current_user::text AS "user"`);
    const user = viaPrisma!.user;
    expect(user).toBe((await app.query(`SELECT current_user::text AS "user"`)).rows[0].user);
    expect(user).not.toBe((await owner.query(`SELECT current_user::text AS "user"`)).rows[0].user);
  });

  it("the summarising functions are SECURITY DEFINER, owned by the summaries' owner, with a pinned search_path, executable by nobody else", async () => {
    const functions = (
      await owner.query(
        `SELECT p.proname AS "name", p.prosecdef AS "definer", p.proconfig AS "config", pg_get_userbyid(p.proowner) = pg_get_userbyid(c.relowner) AS "ownedLikeTheTable",
           has_function_privilege($1, p.oid, 'EXECUTE') AS "appMayExecute",
           EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS "publicMayExecute", p.proacl IS NULL AS "defaultAcl"
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, pg_class c
         WHERE n.nspname = 'public' AND c.oid = 'public.visit_summary'::regclass AND p.proname IN ('scheduled_visit_summarise', 'subject_summarise') ORDER BY 1`,
        [(await app.query(`SELECT current_user::text AS "user"`)).rows[0].user],
      )
    ).rows;
    const expected = { definer: true, config: ["search_path=public, pg_temp"], ownedLikeTheTable: true, appMayExecute: false, publicMayExecute: false, defaultAcl: false };
    expect(functions).toEqual([
      { name: "scheduled_visit_summarise", ...expected },
      { name: "subject_summarise", ...expected },
    ]);
    // Any SECURITY DEFINER function of public (whoever adds one): pinned search_path, not executable by the app.
    const loose = (
      await owner.query(
        `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public' AND p.prosecdef AND (NOT coalesce(p.proconfig, '{}') @> ARRAY['search_path=public, pg_temp'] OR has_function_privilege($1, p.oid, 'EXECUTE'))`,
        [(await app.query(`SELECT current_user::text AS "user"`)).rows[0].user],
      )
    ).rows;
    expect(loose).toEqual([]);
  });

  it("enrolling and recording as the app update the summaries the app cannot write itself", async () => {
    const site = async () =>
      (await owner.query(`SELECT coalesce(sum("subjects"), 0)::int AS n FROM "subject_summary" WHERE "studyId" = $1 AND "siteId" = $2 AND "status" = 'active'`, [fx.studyId, fx.site1.id])).rows[0].n as number;
    const completed = async () => (await owner.query(`SELECT coalesce(sum("completed"), 0)::int AS n FROM "visit_summary" WHERE "studyId" = $1`, [fx.studyId])).rows[0].n as number;
    const subjectsBefore = await site();
    subjectId = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "DD-1", dosingDate: "2023-01-15" }))).id;
    expect(await site()).toBe(subjectsBefore + 1);
    const m06 = await getDb().scheduledVisit.findFirstOrThrow({ where: { subjectId, visitId: "M06", source: "plan" } });
    const record = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M06", status: "completed", date: calendarDateFromDb(m06.targetDate), assessments: COMPLETED_ASSESSMENTS }));
    recordedVisitId = m06.id;
    expect(await completed()).toBe(1);
    const m12 = await getDb().scheduledVisit.findFirstOrThrow({ where: { subjectId, visitId: "M12", source: "plan" } });
    signedRecordId = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M12", status: "completed", date: calendarDateFromDb(m12.targetDate), assessments: COMPLETED_ASSESSMENTS })).id;
    unwrap(await signVisitAction.run(fx.investigator, { subjectId, recordId: signedRecordId, password: SIGNING_PASSWORD }));
    expect(await completed()).toBe(2);
    expect(record.id).toBeTruthy();
    const { kept, recounted } = await visitSummaryAndRecount(owner);
    expect(kept).toEqual(recounted);
  });

  it("the app cannot attach a summarising function to a table of its own and feed it forged rows", async () => {
    const message = await asAppRolledBack(async (client) => {
      await client.query(
        `CREATE TEMP TABLE forged ("studyId" text, "siteId" text, "windowStart" date, "windowEnd" date, "recordStatus" text, "recordDate" date)`,
      );
      return failure(() =>
        client.query(`CREATE TRIGGER forge AFTER INSERT ON pg_temp.forged REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.scheduled_visit_summarise()`),
      );
    });
    expect(message).toMatch(/permission denied for function (public\.)?scheduled_visit_summarise/);
  });

  it("a temporary visit_summary of the app's session does not divert the trigger's writes (pinned search_path)", async () => {
    const result = await asAppRolledBack(async (client) => {
      await client.query(`CREATE TEMP TABLE visit_summary (LIKE public.visit_summary INCLUDING ALL)`);
      const before = await visitSummaryAndRecount(client);
      // A recorded visit's window moves by 40 days: into another month of the summary.
      await client.query(`UPDATE "scheduled_visit" SET "windowEnd" = "windowEnd" + 40 WHERE "id" = $1`, [recordedVisitId]);
      const after = await visitSummaryAndRecount(client);
      const diverted = (await client.query(`SELECT count(*)::int AS n FROM pg_temp.visit_summary`)).rows[0].n as number;
      return { before, after, diverted };
    });
    expect(result.after.kept).toEqual(result.after.recounted);
    expect(result.after.kept).not.toEqual(result.before.kept);
    expect(result.diverted).toBe(0);
  });
});

describe("scheduled_visit's derived columns: re-derived from their sources whatever the app writes", () => {
  it("a direct UPDATE of recordStatus, open and siteId by the app lasts only until the end of its statement", async () => {
    const result = await asAppRolledBack(async (client) => {
      const returned = (
        await client.query(`UPDATE "scheduled_visit" SET "recordStatus" = 'completed', "recordDate" = '2024-01-01', "open" = false, "siteId" = $1 WHERE "subjectId" = $2 RETURNING "recordStatus"`, [
          fx.site2.id,
          subjectId,
        ])
      ).rows as Array<{ recordStatus: string | null }>;
      return { returned, mismatches: await derivedMismatches(client), summary: await visitSummaryAndRecount(client) };
    });
    // The statement itself saw its own values (RETURNING), every row of the subject forged…
    expect(result.returned.length).toBeGreaterThan(10);
    expect(result.returned.every((row) => row.recordStatus === "completed")).toBe(true);
    // …and after it the database had re-derived them, and the summary counted only the true records.
    expect(result.mismatches).toEqual([]);
    expect(result.summary.kept).toEqual(result.summary.recounted);
  });

  it("an INSERT with forged derived columns is derived before it is written", async () => {
    const row = await asAppRolledBack(async (client) => {
      await client.query(
        `INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "targetDate", "windowStart", "windowEnd", "contactMode", "activities", "studyId", "siteId", "recordStatus", "recordDate", "open")
         VALUES ('forged-row', $1, 'plan', 'FORGED', 1, '2030-01-01', '2029-12-01', '2030-02-01', 'clinic', '{}', 'another-study', $2, 'completed', '2030-01-01', false)`,
        [subjectId, fx.site2.id],
      );
      return {
        row: (await client.query(`SELECT "studyId", "siteId", "recordStatus", "recordDate", "open" FROM "scheduled_visit" WHERE "id" = 'forged-row'`)).rows[0],
        summary: await visitSummaryAndRecount(client),
      };
    });
    expect(row.row).toEqual({ studyId: fx.studyId, siteId: fx.site1.id, recordStatus: null, recordDate: null, open: true });
    expect(row.summary.kept).toEqual(row.summary.recounted);
  });

  it("a temporary subject of the app's session does not stand in for the real one when deriving (update and insert)", async () => {
    const result = await asAppRolledBack(async (client) => {
      await client.query(`CREATE TEMP TABLE subject AS SELECT * FROM public."subject" WHERE "id" = $1`, [subjectId]);
      await client.query(`UPDATE pg_temp.subject SET "studyId" = 'another-study', "siteId" = $1, "status" = 'withdrawn', "statusDate" = '2000-01-01'`, [fx.site2.id]);
      await client.query(`UPDATE "scheduled_visit" SET "open" = NOT "open" WHERE "subjectId" = $1`, [subjectId]);
      await client.query(
        `INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
         VALUES ('shadowed-row', $1, 'plan', 'SHADOW', 1, '2030-01-01', '2029-12-01', '2030-02-01', 'clinic', '{}')`,
        [subjectId],
      );
      return { mismatches: await derivedMismatches(client), summary: await visitSummaryAndRecount(client) };
    });
    expect(result.mismatches).toEqual([]);
    expect(result.summary.kept).toEqual(result.summary.recounted);
  });

  it("a temporary visit_signature of the app's session does not unfreeze a signed visit record", async () => {
    const message = await asAppRolledBack(async (client) => {
      await client.query(`CREATE TEMP TABLE visit_signature (LIKE public.visit_signature)`);
      return failure(() => client.query(`UPDATE "visit_record" SET "reason" = 'rewritten' WHERE "id" = $1`, [signedRecordId]));
    });
    expect(message).not.toBeNull();
    expect(message).toMatch(/sign/i);
  });
});
