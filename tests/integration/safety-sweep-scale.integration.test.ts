import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { runSafetySweep } from "@/lib/safety-records/sweep";
import { createSiteWorkFixture, type SiteWorkFixture } from "./site-work-fixtures";

/**
 * The daily safety sweep at program scale (issue #16, decision 010 "Per-request cost"): it used to
 * send every candidate subject id as one bind parameter each, which PostgreSQL refuses past
 * 65,535 parameters. Now the candidates are selected in the database and evaluated a chunk per
 * transaction. Subjects and their results are inserted in bulk here (SQL as the owner), as
 * `seed:large` does, and removed (or, with escalations, withdrawn) afterwards so the other
 * files' sweeps stay small.
 */
let owner: pg.Client;
let planned: SiteWorkFixture;
let unplanned: SiteWorkFixture;

/** `count` active subjects at site 1 of the fixture's study, each with one detected VCN result; returns their id prefix. */
async function insertSubjects(fx: SiteWorkFixture, prefix: string, count: number): Promise<void> {
  await owner.query(
    `INSERT INTO "subject" ("id", "organizationId", "studyId", "siteId", "code", "yearOfBirth", "sex", "dosingDate", "lot", "status", "consentVersion", "consentDate", "createdById", "updatedAt")
     SELECT $1 || lpad(i::text, 6, '0'), $2, $3, $4, $1 || i, 1970, 'female', DATE '2011-01-01' + (i % 4000), 'LOT-1', 'active', 1, DATE '2010-12-01' + (i % 4000), $5, now()
     FROM generate_series(1, $6::int) AS i`,
    [prefix, fx.organization.id, fx.studyId, fx.site1.id, fx.sponsor.id, count],
  );
  await owner.query(
    `INSERT INTO "sample_result" ("id", "organizationId", "studyId", "siteId", "subjectId", "kind", "collectedDate", "sampleType", "detected", "value", "unit", "createdById")
     SELECT s."id" || '-r', s."organizationId", s."studyId", s."siteId", s."id", 'vector_copy_number', s."dosingDate" + 400, 'peripheral_blood', true, 0.5, 'copies/cell', $2
     FROM "subject" s WHERE s."id" LIKE $1 || '%'`,
    [prefix, fx.sponsor.id],
  );
}

async function removeSubjects(prefix: string): Promise<void> {
  const like = `${prefix}%`;
  for (const table of ["scheduled_visit", "sample_result"]) await owner.query(`DELETE FROM "${table}" WHERE "subjectId" LIKE $1`, [like]);
  await owner.query(`DELETE FROM "subject" WHERE "id" LIKE $1`, [like]);
}

/** Escalations are never deleted (database trigger): subjects that have some are withdrawn instead, out of every later sweep. */
async function retireSubjects(prefix: string): Promise<void> {
  await owner.query(`UPDATE "subject" SET "status" = 'withdrawn', "statusDate" = DATE '2026-01-01', "statusReason" = 'test done' WHERE "id" LIKE $1`, [`${prefix}%`]);
}

/** The safety rows and escalations of the subjects with this prefix, without ids or the prefix. */
async function safetyState(prefix: string) {
  const rows = await owner.query(
    `SELECT substr(sv."subjectId", length($2) + 1) AS subject, sv."source", sv."visitId", e."trigger", sv."targetDate"::text, sv."windowStart"::text, sv."windowEnd"::text, sv."contactMode", sv."activities"
     FROM "scheduled_visit" sv LEFT JOIN "escalation" e ON e."id" = sv."escalationId"
     WHERE sv."subjectId" LIKE $1 AND sv."source" <> 'plan' ORDER BY 1, 2, 3, 5`,
    [`${prefix}%`, prefix],
  );
  const escalations = await owner.query(`SELECT substr("subjectId", length($2) + 1) AS subject, "trigger", "openedDate"::text FROM "escalation" WHERE "subjectId" LIKE $1 ORDER BY 1, 2`, [`${prefix}%`, prefix]);
  return { rows: rows.rows, escalations: escalations.rows };
}

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL });
  await owner.connect();
  planned = await createSiteWorkFixture();
  unplanned = await createSiteWorkFixture({ activate: false });
});

afterAll(async () => {
  await retireSubjects("swp-");
  await retireSubjects("swq-");
  await removeSubjects("swu-");
  await owner.end();
  await disconnectDb();
});

describe("safety sweep in chunks", () => {
  it("evaluates more subjects than PostgreSQL takes bind parameters (65,535) in one run", async () => {
    // No applied plan in this study: each subject is cheap to evaluate, the candidate list is not.
    await insertSubjects(unplanned, "swu-", 66_000);
    const swept = await runSafetySweep(getDb(), { asOf: "2026-06-01" });
    expect(swept.subjects).toBeGreaterThanOrEqual(66_000);
    expect(swept.chunks).toBeGreaterThanOrEqual(66);
    await removeSubjects("swu-");
  }, 600_000);

  it("writes the same safety rows and escalations whatever the chunk size, and nothing on a second run", async () => {
    await insertSubjects(planned, "swp-", 240);
    // 2027-06-01: subjects dosed before mid-2012 are past the 15-year period with a detected
    // result (persistence_at_period_end opens, extension events follow); later ones are not.
    const asOf = "2027-06-01";
    const first = await runSafetySweep(getDb(), { asOf, chunk: 1_000 });
    expect(first.opened).toBeGreaterThan(0);
    const inOneChunk = await safetyState("swp-");
    expect(inOneChunk.rows.length).toBeGreaterThan(0);
    expect(inOneChunk.escalations.length).toBeGreaterThan(0);

    const ids = (await owner.query(`SELECT "id" FROM "scheduled_visit" WHERE "subjectId" LIKE 'swp-%' AND "source" <> 'plan' ORDER BY 1`)).rows;
    const again = await runSafetySweep(getDb(), { asOf, chunk: 1_000 });
    expect(again.opened).toBe(0);
    // Unchanged rows keep their ids: a run with nothing new rewrites nothing.
    expect((await owner.query(`SELECT "id" FROM "scheduled_visit" WHERE "subjectId" LIKE 'swp-%' AND "source" <> 'plan' ORDER BY 1`)).rows).toEqual(ids);

    // The same subjects and results again (prefix swq-), swept in chunks of 7 (chunk boundaries
    // inside the id order): the same escalations and rows.
    await retireSubjects("swp-");
    await insertSubjects(planned, "swq-", 240);
    const chunked = await runSafetySweep(getDb(), { asOf, chunk: 7 });
    expect(chunked.chunks).toBeGreaterThanOrEqual(Math.ceil(240 / 7));
    expect(chunked.opened).toBe(inOneChunk.escalations.length);
    const inChunksOf7 = await safetyState("swq-");
    expect(inChunksOf7).toEqual(inOneChunk);

    // A stored row that drifted (edited by hand) is brought back to lib/safety's event.
    await owner.query(`UPDATE "scheduled_visit" SET "windowEnd" = "windowEnd" + 3 WHERE "id" = (SELECT "id" FROM "scheduled_visit" WHERE "subjectId" LIKE 'swq-%' AND "source" <> 'plan' ORDER BY "id" LIMIT 1)`);
    await owner.query(`DELETE FROM "scheduled_visit" WHERE "id" = (SELECT "id" FROM "scheduled_visit" WHERE "subjectId" LIKE 'swq-%' AND "source" <> 'plan' ORDER BY "id" DESC LIMIT 1)`);
    expect(await safetyState("swq-")).not.toEqual(inOneChunk);
    await runSafetySweep(getDb(), { asOf });
    expect(await safetyState("swq-")).toEqual(inOneChunk);
  }, 300_000);
});
