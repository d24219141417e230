import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getDashboard } from "@/lib/db/dashboard";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { getActorByUserId } from "@/lib/db/users";
import { activatePlanVersion, createPlanVersion } from "@/lib/plans/plan-versions";
import { addDays, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { rewriteScheduleRows, scheduleFromStored, toSchedulePlanVersions } from "@/lib/subjects/schedule-rows";
import { todayCalendarDate } from "@/lib/subjects/today";
import { protocolFor, SITE_COUNT, seedLarge, type LargeProgramTeam } from "@/prisma/seed-large";

/**
 * `seed:large` on the real database: a 500-subject program over 50 sites. The monitor
 * dashboard's counts must equal what the pure engine (lib/schedule) says of each subject's own
 * schedule, from the stored subjects and records; the stored plan rows must be the engine's
 * rows, before and after an amendment re-applied set-based; a second run adds nothing.
 */
const SUBJECTS = 500;
const TODAY = todayCalendarDate();
const day = (text: string) => parseCalendarDate(text)!;

let client: pg.Client;
let studyId: string;
let monitor: Actor;
let sponsor: Actor;

/** Its own organisation and team, so the demo organisation stays untouched for the demo-seed tests. */
const TEAM: LargeProgramTeam = { organizationName: "Scale Test Therapeutics", sponsor: "sponsor@scale.test", investigators: ["investigator@scale.test"], monitor: "monitor@scale.test" };

beforeAll(async () => {
  const db = getDb();
  const organization = await db.organization.create({ data: { name: TEAM.organizationName } });
  const site = await db.site.create({ data: { organizationId: organization.id, code: "SH-01", name: "Scale test site", country: "China" } });
  await db.user.createMany({
    data: [
      { organizationId: organization.id, email: TEAM.sponsor, name: "Scale Sponsor", role: "SPONSOR_ADMIN" },
      { organizationId: organization.id, email: TEAM.monitor, name: "Scale Monitor", role: "MONITOR" },
      { organizationId: organization.id, email: TEAM.investigators[0]!, name: "Scale Investigator", role: "INVESTIGATOR" },
    ],
  });
  const investigator = await db.user.findUniqueOrThrow({ where: { email: TEAM.investigators[0]! } });
  await db.userSite.create({ data: { organizationId: organization.id, userId: investigator.id, siteId: site.id } });
  // As seed:large does: bulk rows and ANALYZE as the owner (the app role may not ANALYZE).
  client = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL });
  await client.connect();
  const result = await seedLarge(db, client, { subjects: SUBJECTS, log: () => {}, progress: false, team: TEAM });
  studyId = result.studyId;
  const actor = async (email: string) => (await getActorByUserId(db, { userId: (await db.user.findUniqueOrThrow({ where: { email } })).id }))!;
  monitor = await actor(TEAM.monitor);
  sponsor = await actor(TEAM.sponsor);
}, 240_000);

afterAll(async () => {
  await client?.end();
  await disconnectDb();
});

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The engine's view of every stored subject at `asOf`, summed as the dashboard sums. */
async function expectedCounts(asOf: string) {
  const db = getDb();
  const planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(db, { studyId }));
  const subjects = await db.subject.findMany({ where: { studyId }, select: { id: true, siteId: true, dosingDate: true, status: true, statusDate: true, visitRecords: { select: { visitId: true, planVersion: true, unscheduled: true, status: true, date: true } } } });
  const byStatus: Record<string, number> = { active: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 };
  const visits = { overdue: 0, windowOpen: 0, dueIn30Days: 0, dueIn90Days: 0 };
  const overdueBySite = new Map<string, number>();
  let onTime = 0;
  let due = 0;
  const in30 = formatCalendarDate(addDays(day(asOf), 30));
  const in90 = formatCalendarDate(addDays(day(asOf), 90));
  for (const subject of subjects) {
    byStatus[subject.status]! += 1;
    const schedule = scheduleFromStored({ planVersions, subject, records: subject.visitRecords, asOf });
    for (const v of schedule.visits) {
      if (v.status === "overdue") {
        visits.overdue += 1;
        overdueBySite.set(subject.siteId, (overdueBySite.get(subject.siteId) ?? 0) + 1);
      }
      if (v.status === "window_open") visits.windowOpen += 1;
      const pending = v.status === "upcoming" || v.status === "window_open";
      if (pending && v.targetDate >= asOf && v.targetDate <= in30) visits.dueIn30Days += 1;
      if (pending && v.targetDate >= asOf && v.targetDate <= in90) visits.dueIn90Days += 1;
      if (v.status === "completed" && v.recordedDate! >= v.windowStart && v.recordedDate! <= v.windowEnd) onTime += 1;
      if (v.status === "completed" || v.status === "missed" || v.status === "overdue") due += 1;
    }
  }
  return { subjects: byStatus, visits, onTimeRate: due === 0 ? null : onTime / due, overdueBySite: Object.fromEntries([...overdueBySite].sort()) };
}

async function dashboardCounts(asOf: string) {
  const dashboard = await getDashboard(getDb(), { actor: monitor, asOf, studyId });
  return {
    subjects: dashboard.subjects,
    visits: dashboard.visits,
    onTimeRate: dashboard.onTimeRate,
    overdueBySite: Object.fromEntries(dashboard.sites.filter((s) => s.overdue > 0).map((s) => [s.siteId, s.overdue] as const).sort()),
  };
}

/** Every subject's stored plan rows against the engine's rows for it. */
async function expectStoredRowsAreTheEngines() {
  const db = getDb();
  const planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(db, { studyId }));
  const subjects = await db.subject.findMany({
    where: { studyId },
    select: { id: true, dosingDate: true, status: true, statusDate: true, visitRecords: { select: { visitId: true, planVersion: true, unscheduled: true, status: true, date: true } }, scheduledVisits: { where: { source: "plan" } } },
  });
  let rows = 0;
  for (const subject of subjects) {
    const engine = scheduleFromStored({ planVersions, subject, records: subject.visitRecords, asOf: TODAY }).visits.map((v) => `${v.visitId}/${v.planVersion} ${v.targetDate} ${v.windowStart} ${v.windowEnd} ${v.contactMode} ${v.activities.join(",")}`);
    const stored = subject.scheduledVisits.map((r) => `${r.visitId}/${r.planVersion} ${iso(r.targetDate)} ${iso(r.windowStart)} ${iso(r.windowEnd)} ${r.contactMode} ${r.activities.join(",")}`);
    expect(stored.sort()).toEqual(engine.sort());
    rows += stored.length;
  }
  return rows;
}

describe("seed:large program", () => {
  it("spreads the subjects over 50 sites, with records, AEs, results, escalations and queries; a second run adds nothing", async () => {
    const counts = async () =>
      (await client.query(
        `SELECT (SELECT count(*) FROM "subject" WHERE "studyId" = $1)::int AS subjects,
                (SELECT count(DISTINCT "siteId") FROM "subject" WHERE "studyId" = $1)::int AS sites,
                (SELECT count(*) FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId" WHERE s."studyId" = $1)::int AS rows,
                (SELECT count(*) FROM "visit_record" r JOIN "subject" s ON s."id" = r."subjectId" WHERE s."studyId" = $1)::int AS records,
                (SELECT count(*) FROM "adverse_event" WHERE "studyId" = $1)::int AS aes,
                (SELECT count(*) FROM "adverse_event" WHERE "studyId" = $1 AND "serious")::int AS serious,
                (SELECT count(*) FROM "sample_result" WHERE "studyId" = $1)::int AS results,
                (SELECT count(*) FROM "plan_version" WHERE "studyId" = $1 AND "status" IN ('ACTIVE', 'SUPERSEDED'))::int AS versions`,
        [studyId],
      )).rows[0];
    const before = await counts();
    expect(before).toMatchObject({ subjects: SUBJECTS, sites: SITE_COUNT, versions: 2 });
    expect(before.records).toBeGreaterThan(before.rows / 5);
    expect(before.aes).toBeGreaterThan(SUBJECTS);
    expect(before.serious).toBeGreaterThan(0);
    expect(before.results).toBeGreaterThan(0);
    const again = await seedLarge(getDb(), client, { subjects: SUBJECTS, log: () => {}, progress: false, team: TEAM });
    expect(again.added).toBe(0);
    expect(await counts()).toEqual(before);
    const study = await getDb().study.findUniqueOrThrow({ where: { id: studyId } });
    expect(study.protocolNumber).toBe(protocolFor(SUBJECTS));
  });

  it("stores exactly lib/schedule's plan rows for every subject", async () => {
    expect(await expectStoredRowsAreTheEngines()).toBeGreaterThan(SUBJECTS * 10);
  });

  it("the dashboard's counts equal the engine's statuses of the 500 subjects, today and at earlier dates", { timeout: 120_000 }, async () => {
    for (const asOf of [TODAY, formatCalendarDate(addDays(day(TODAY), -400)), formatCalendarDate(addDays(day(TODAY), -2000))]) {
      const expected = await expectedCounts(asOf);
      expect(expected.visits.overdue).toBeGreaterThan(0);
      expect({ asOf, ...(await dashboardCounts(asOf)) }).toEqual({ asOf, ...expected });
    }
  });

  it("an amendment re-applies the plan set-based: stored rows stay the engine's, the dashboard stays equal", { timeout: 120_000 }, async () => {
    const db = getDb();
    const draft = await createPlanVersion(db, { actor: sponsor, input: { studyId, source: "copy_latest" } });
    await activatePlanVersion(db, { actor: sponsor, input: { id: draft.id, effectiveDate: TODAY, reason: "amendment under test" } });
    await expectStoredRowsAreTheEngines();
    const v3 = await client.query(`SELECT count(*)::int AS n FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId" WHERE s."studyId" = $1 AND sv."planVersion" = $2`, [studyId, draft.version]);
    expect(v3.rows[0].n).toBeGreaterThan(0);
    expect(await dashboardCounts(TODAY)).toEqual(await expectedCounts(TODAY));
  });

  it("the rewrite, in chunks of 7 (many boundaries, a partial last chunk), repairs damaged rows in place and leaves the others untouched", { timeout: 120_000 }, async () => {
    const db = getDb();
    const version = (await client.query(`SELECT max(sv."planVersion")::int AS v FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId" WHERE s."studyId" = $1`, [studyId])).rows[0].v as number;
    // Unrecorded rows of the active version, a visit id a subject holds once: an amendment's moved rows look like these.
    const candidates = (
      await client.query<{ id: string; subjectId: string; visitId: string }>(
        `SELECT sv."id", sv."subjectId", sv."visitId" FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId"
         WHERE s."studyId" = $1 AND sv."source" = 'plan' AND sv."planVersion" = $2
           AND NOT EXISTS (SELECT 1 FROM "visit_record" r WHERE r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId")
           AND (SELECT count(*) FROM "scheduled_visit" o WHERE o."subjectId" = sv."subjectId" AND o."visitId" = sv."visitId" AND o."source" = 'plan') = 1
         ORDER BY sv."subjectId", sv."visitId"`,
        [studyId, version],
      )
    ).rows;
    const bySubject = [...new Set(candidates.map((c) => c.subjectId))];
    expect(bySubject.length).toBeGreaterThan(4);
    const [moved, redated] = [candidates.find((c) => c.subjectId === bySubject[0])!, candidates.find((c) => c.subjectId === bySubject[1])!];
    const emptied = bySubject[2]!;
    const strayOwner = bySubject[3]!;
    // Damage: a row put back on version 1 with other dates (to be moved back, same id), a row's
    // dates shifted (same key: updated in place), every row of one subject gone (re-inserted),
    // a row the plan does not have (deleted).
    await client.query(`UPDATE "scheduled_visit" SET "planVersion" = 1, "windowEnd" = "windowEnd" + 5 WHERE "id" = $1`, [moved.id]);
    await client.query(`UPDATE "scheduled_visit" SET "targetDate" = "targetDate" + 3, "windowStart" = "windowStart" + 3 WHERE "id" = $1`, [redated.id]);
    const emptiedRows = (await client.query(`DELETE FROM "scheduled_visit" WHERE "subjectId" = $1 AND "source" = 'plan'`, [emptied])).rowCount!;
    expect(emptiedRows).toBeGreaterThan(0);
    await client.query(
      `INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
       VALUES ('stray-row', $1, 'plan', 'M999', $2, 999, '2040-01-01', '2039-12-01', '2040-02-01', 'clinic', '{}')`,
      [strayOwner, version],
    );
    const snapshot = async () =>
      new Map(
        (
          await client.query<{ id: string; xmin: string; key: string }>(
            `SELECT sv."id", sv."xmin"::text AS xmin, sv."subjectId" || '/' || sv."visitId" AS key FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId" WHERE s."studyId" = $1 AND sv."source" = 'plan'`,
            [studyId],
          )
        ).rows.map((r) => [r.id, r]),
      );
    const before = await snapshot();

    const rows = await db.$transaction((tx) => rewriteScheduleRows(tx, { studyId, chunk: 7 }), { timeout: 120_000 });
    expect(await expectStoredRowsAreTheEngines()).toBe(rows);
    const after = await snapshot();
    expect(after.has("stray-row")).toBe(false);
    expect(after.get(moved.id)?.key).toBe(`${moved.subjectId}/${moved.visitId}`);
    expect(after.get(moved.id)?.xmin).not.toBe(before.get(moved.id)!.xmin);
    expect(after.get(redated.id)?.xmin).not.toBe(before.get(redated.id)!.xmin);
    const inserted = [...after.values()].filter((r) => !before.has(r.id));
    expect(inserted.length).toBe(emptiedRows);
    expect(new Set(inserted.map((r) => r.key.split("/")[0]))).toEqual(new Set([emptied]));
    // Every other row is the same row version: not rewritten.
    const rewritten = [...after.values()].filter((r) => before.has(r.id) && before.get(r.id)!.xmin !== r.xmin).map((r) => r.id);
    expect(rewritten.sort()).toEqual([moved.id, redated.id].sort());

    // A second run finds nothing to do.
    await db.$transaction((tx) => rewriteScheduleRows(tx, { studyId, chunk: 7 }), { timeout: 120_000 });
    expect([...(await snapshot()).values()].filter((r) => after.get(r.id)?.xmin !== r.xmin)).toEqual([]);
    expect(await dashboardCounts(TODAY)).toEqual(await expectedCounts(TODAY));
  });
});
