import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeSubjectStatusAction, enrolSubjectAction, recordVisitAction, signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getDashboard, getOnTimeRateByQuarter } from "@/lib/db/dashboard";
import { listWorklistVisits } from "@/lib/db/visit-status";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { ZPlan } from "@/lib/validation/plan";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, unwrap, type SiteWorkFixture } from "./site-work-fixtures";
import { visitSummaryAndRecount } from "./visit-summary-recount";

/**
 * The derived visit columns (scheduled_visit: studyId, siteId, recordStatus, recordDate, open)
 * and the summaries (visit_summary, subject_summary) are kept by triggers in the same transaction as the
 * data (migration 20261127010000, docs/decisions/010-program-scale.md). After every kind of
 * write — a visit recorded, missed, corrected after its signature was voided, a plan amendment
 * moving windows, a subject moved to another site, a subject leaving — both must equal a
 * recount from scratch over the base tables, and the dashboard's visit counts must equal
 * ltfu_visit_status over every stored row (the pre-summary query), at several dates.
 */
let fx: SiteWorkFixture;
let owner: pg.Client;
const subjects: string[] = [];
const AS_OF = ["2020-06-30", "2024-08-27", "2025-06-15", "2026-11-25"];

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL });
  await owner.connect();
  for (const [i, dosingDate] of ["2019-05-31", "2022-06-30", "2024-02-29", "2025-01-15"].entries()) {
    const actor = i % 2 === 0 ? fx.investigator : fx.investigator2;
    const siteId = i % 2 === 0 ? fx.site1.id : fx.site2.id;
    subjects.push(unwrap(await enrolSubjectAction.run(actor, enrolmentInput(fx, { code: `SUM-${i}`, siteId, dosingDate }))).id);
  }
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await disconnectDb();
});

/** Rows whose derived columns differ from what the subject and the visit record say. */
async function derivedMismatches(): Promise<unknown[]> {
  return (
    await owner.query(
      `SELECT sv."id", sv."visitId", sv."studyId", sv."siteId", sv."recordStatus", sv."recordDate", sv."open"
       FROM "scheduled_visit" sv
       JOIN "subject" s ON s."id" = sv."subjectId"
       LEFT JOIN "visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
       WHERE s."studyId" = $1
         AND (sv."studyId", sv."siteId", sv."recordStatus", sv."recordDate", sv."open")
           IS DISTINCT FROM (s."studyId", s."siteId", r."status", r."date",
             ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", r."status", s."status", s."statusDate", '2000-01-01') IN ('overdue', 'window_open', 'upcoming'))`,
      [fx.studyId],
    )
  ).rows;
}

/** visit_summary (its non-zero rows) and the same counts grouped from scratch over the base tables. */
const summaries = () => visitSummaryAndRecount(owner, fx.studyId);

/** The visit numbers as the dashboard computed them before the summary: ltfu_visit_status over every stored row. */
async function countedOverEveryRow(asOf: string) {
  const rows = (
    await owner.query(
      `WITH v AS (
         SELECT s."siteId", sv."targetDate", sv."windowStart", sv."windowEnd", r."date" AS "recordedDate",
           ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", r."status", s."status", s."statusDate", $2::date) AS "status"
         FROM "scheduled_visit" sv
         JOIN "subject" s ON s."id" = sv."subjectId"
         LEFT JOIN "visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
         WHERE s."studyId" = $1)
       SELECT
         count(*) FILTER (WHERE "status" = 'overdue')::int AS "overdue",
         count(*) FILTER (WHERE "status" = 'window_open')::int AS "windowOpen",
         count(*) FILTER (WHERE "status" IN ('upcoming', 'window_open') AND "targetDate" BETWEEN $2::date AND $2::date + 30)::int AS "dueIn30Days",
         count(*) FILTER (WHERE "status" IN ('upcoming', 'window_open') AND "targetDate" BETWEEN $2::date AND $2::date + 90)::int AS "dueIn90Days",
         count(*) FILTER (WHERE "status" = 'completed' AND "recordedDate" BETWEEN "windowStart" AND "windowEnd")::int AS "onTime",
         count(*) FILTER (WHERE "status" IN ('completed', 'missed', 'overdue'))::int AS "due"
       FROM v`,
      [fx.studyId, asOf],
    )
  ).rows[0] as { overdue: number; windowOpen: number; dueIn30Days: number; dueIn90Days: number; onTime: number; due: number };
  const { onTime, due, ...visits } = rows;
  return { visits, onTimeRate: due === 0 ? null : onTime / due };
}

/** subject_summary (its non-zero rows) and the subjects grouped from scratch. */
async function subjectSummaries(): Promise<{ kept: unknown[]; recounted: unknown[] }> {
  const kept = (await owner.query(`SELECT "siteId", "status", "consentVersion", "subjects" FROM "subject_summary" WHERE "studyId" = $1 AND "subjects" <> 0 ORDER BY 1, 2, 3`, [fx.studyId])).rows;
  const recounted = (await owner.query(`SELECT "siteId", "status", "consentVersion", count(*)::int AS "subjects" FROM "subject" WHERE "studyId" = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [fx.studyId])).rows;
  return { kept, recounted };
}

async function expectConsistent(step: string) {
  expect({ step, mismatches: await derivedMismatches() }).toEqual({ step, mismatches: [] });
  const { kept, recounted } = await summaries();
  expect({ step, summary: kept }).toEqual({ step, summary: recounted });
  const subjectsKept = await subjectSummaries();
  expect({ step, subjects: subjectsKept.kept }).toEqual({ step, subjects: subjectsKept.recounted });
  for (const asOf of AS_OF) {
    const dashboard = await getDashboard(getDb(), { actor: fx.monitor, asOf, studyId: fx.studyId });
    expect({ step, asOf, visits: dashboard.visits, onTimeRate: dashboard.onTimeRate }).toEqual({ step, asOf, ...(await countedOverEveryRow(asOf)) });
  }
}

async function targetOf(subjectId: string, visitId: string): Promise<string> {
  const row = await getDb().scheduledVisit.findFirstOrThrow({ where: { subjectId, visitId, source: "plan" }, orderBy: { planVersion: "desc" } });
  return calendarDateFromDb(row.targetDate);
}

describe("derived visit columns and the visit summary follow every write, in the same transaction", () => {
  it("after enrolment: every row open, nothing summarised", async () => {
    await expectConsistent("enrolment");
    expect((await summaries()).kept).toEqual([]);
    expect(await getDb().scheduledVisit.count({ where: { subjectId: { in: subjects } } })).toBeGreaterThan(20);
  });

  it("recording, missing, correcting a signed record (signature voided first) and an unrecorded row", async () => {
    const [a, , c] = subjects;
    const m06 = await targetOf(a!, "M06");
    const onTime = unwrap(await recordVisitAction.run(fx.investigator, { subjectId: a!, visitId: "M06", status: "completed", date: m06, assessments: COMPLETED_ASSESSMENTS }));
    await expectConsistent("completed on time");
    expect((await summaries()).kept).toEqual([expect.objectContaining({ siteId: fx.site1.id, completed: 1, onTime: 1, missed: 0 })]);
    unwrap(await recordVisitAction.run(fx.investigator, { subjectId: a!, visitId: "M12", status: "missed", date: await targetOf(a!, "M12"), reason: "travelling" }));
    unwrap(await recordVisitAction.run(fx.investigator, { subjectId: c!, visitId: "M06", status: "completed", date: await targetOf(c!, "M06"), assessments: COMPLETED_ASSESSMENTS }));
    await expectConsistent("missed, and a second subject");
    // Signed, then corrected: the signature is voided in the same transaction, the date moves
    // outside the window (a year later), so the visit no longer counts as on time.
    unwrap(await signVisitAction.run(fx.investigator, { subjectId: a!, recordId: onTime.id, password: SIGNING_PASSWORD }));
    const late = String(Number(m06.slice(0, 4)) + 1) + m06.slice(4);
    unwrap(await updateVisitAction.run(fx.investigator, { subjectId: a!, recordId: onTime.id, version: onTime.version, reason: "date was wrong", date: late }));
    await expectConsistent("corrected after voiding the signature");
    const site1 = (await summaries()).kept.filter((row) => (row as { siteId: string }).siteId === fx.site1.id) as Array<{ completed: number; onTime: number }>;
    expect(site1.reduce((n, row) => n + row.onTime, 0)).toBe(1);
    expect(site1.reduce((n, row) => n + row.completed, 0)).toBe(2);
    // Completed → missed.
    const record = await getDb().visitRecord.findFirstOrThrow({ where: { subjectId: c!, visitId: "M06" } });
    unwrap(await updateVisitAction.run(fx.investigator, { subjectId: c!, recordId: record.id, version: record.version, reason: "not done after all", status: "missed", missedReason: "refused" }));
    await expectConsistent("completed changed to missed");
  });

  it("a direct write to a derived column is overwritten: the database computes it", async () => {
    await getDb().$executeRawUnsafe(`UPDATE "scheduled_visit" SET "open" = false, "recordStatus" = 'completed', "siteId" = $1 WHERE "subjectId" = $2`, fx.site2.id, subjects[0]!);
    await expectConsistent("direct write");
  });

  it("an amendment moving every window (set-based rewrite) keeps the summary equal to a recount", async () => {
    const db = getDb();
    const v2 = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId: fx.studyId, source: "copy_latest" })).id;
    const v1Plan = ZPlan.parse((await db.planVersion.findUniqueOrThrow({ where: { id: fx.planId } })).plan);
    const v2Plan = { ...v1Plan, visits: v1Plan.visits.map((v) => ({ ...v, windowDaysBefore: v.windowDaysBefore + 180 > 183 ? 183 : v.windowDaysBefore + 180, windowDaysAfter: 183 })) };
    const draft = await db.planVersion.findUniqueOrThrow({ where: { id: v2 } });
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: v2, plan: v2Plan, justifications: draft.justifications as Record<string, string>, durationOverrideJustification: draft.durationOverrideJustification ?? undefined }));
    const countsBefore = await countedOverEveryRow("2026-11-25");
    unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: v2, effectiveDate: "2019-06-01", reason: "wider windows" }));
    await expectConsistent("amendment");
    // The unrecorded future moved to version 2 (recorded visits keep their version): wider windows, other counts.
    expect(await db.scheduledVisit.count({ where: { subjectId: { in: subjects }, planVersion: 2 } })).toBeGreaterThan(10);
    expect(await countedOverEveryRow("2026-11-25")).not.toEqual(countsBefore);
    // A recorded visit whose window moves (as a rewrite of its own version's dates would do it):
    // the late visit of subject 0 falls inside the wider window and counts as on time, in the
    // month of its new window end.
    const before = await summaries();
    const late = await db.visitRecord.findFirstOrThrow({ where: { subjectId: subjects[0]!, visitId: "M06" } });
    await db.$executeRawUnsafe(
      `UPDATE "scheduled_visit" SET "windowEnd" = $1::date + 30 WHERE "subjectId" = $2 AND "visitId" = 'M06' AND "planVersion" = $3`,
      calendarDateFromDb(late.date),
      subjects[0]!,
      late.planVersion,
    );
    await expectConsistent("a recorded visit's window moved");
    const onTime = (rows: unknown[]) => (rows as Array<{ onTime: number }>).reduce((n, row) => n + row.onTime, 0);
    expect(onTime((await summaries()).kept)).toBe(onTime(before.kept) + 1);
  });

  it("a subject moved to another site takes its visits and their counts with it", async () => {
    const a = subjects[0]!;
    const site2Before = (await getDashboard(getDb(), { actor: fx.monitor, asOf: "2026-11-25", studyId: fx.studyId })).sites.find((s) => s.siteId === fx.site2.id)!;
    await getDb().subject.update({ where: { id: a }, data: { siteId: fx.site2.id } });
    await expectConsistent("moved to site 2");
    const site2After = (await getDashboard(getDb(), { actor: fx.monitor, asOf: "2026-11-25", studyId: fx.studyId })).sites.find((s) => s.siteId === fx.site2.id)!;
    expect(site2After.subjects).toBe(site2Before.subjects + 1);
    // The investigator of site 1 no longer sees its visits; the one of site 2 does.
    expect((await listWorklistVisits(getDb(), { actor: fx.investigator, asOf: "2026-11-25", days: 3650 })).some((v) => v.subjectId === a)).toBe(false);
    expect((await listWorklistVisits(getDb(), { actor: fx.investigator2, asOf: "2026-11-25", days: 3650 })).some((v) => v.subjectId === a)).toBe(true);
  });

  it("a subject leaving makes its later visits not required: no longer open, out of the counts and the worklist", async () => {
    const b = subjects[1]!;
    const openBefore = await getDb().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "scheduled_visit" WHERE "subjectId" = $1 AND "open"`, b);
    unwrap(await changeSubjectStatusAction.run(fx.investigator2, { subjectId: b, status: "withdrawn", date: "2023-01-10", reason: "moved abroad" }));
    await expectConsistent("withdrawn");
    const openAfter = await getDb().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "scheduled_visit" WHERE "subjectId" = $1 AND "open"`, b);
    expect(openAfter[0]!.n).toBeLessThan(openBefore[0]!.n);
    expect((await listWorklistVisits(getDb(), { actor: fx.investigator2, asOf: "2026-11-25", days: 3650 })).some((v) => v.subjectId === b)).toBe(false);
  });

  it("the on-time chart by quarter equals ltfu_visit_status over every row", async () => {
    let points = 0;
    for (const asOf of AS_OF) {
      const chart = await getOnTimeRateByQuarter(getDb(), { actor: fx.monitor, asOf, studyId: fx.studyId });
      const expected = (
        await owner.query(
          `WITH q AS (SELECT generate_series(date_trunc('quarter', $2::timestamp) - interval '21 months', date_trunc('quarter', $2::timestamp), interval '3 months')::date AS "start"),
           v AS (
             SELECT s."siteId", sv."windowStart", sv."windowEnd", r."date" AS "recordedDate",
               ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", r."status", s."status", s."statusDate", $2::date) AS "status"
             FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId"
             LEFT JOIN "visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
             WHERE s."studyId" = $1)
           SELECT q."start", si."code" AS "siteCode",
             count(*) FILTER (WHERE v."status" = 'completed' AND v."recordedDate" BETWEEN v."windowStart" AND v."windowEnd")::int AS "onTime",
             count(*) FILTER (WHERE v."status" IN ('completed', 'missed', 'overdue'))::int AS "due"
           FROM q JOIN v ON v."windowEnd" >= q."start" AND v."windowEnd" < (q."start" + interval '3 months')::date AND v."windowEnd" < $2::date
           JOIN "site" si ON si."id" = v."siteId"
           GROUP BY 1, 2 HAVING count(*) FILTER (WHERE v."status" IN ('completed', 'missed', 'overdue')) > 0 ORDER BY 1, 2`,
          [fx.studyId, asOf],
        )
      ).rows as Array<{ siteCode: string; onTime: number; due: number }>;
      expect({ asOf, chart: chart.map((p) => ({ siteCode: p.siteCode, onTime: p.onTime, due: p.due })) }).toEqual({ asOf, chart: expected.map((p) => ({ siteCode: p.siteCode, onTime: p.onTime, due: p.due })) });
      points += chart.length;
    }
    expect(points).toBeGreaterThan(3);
  });

  it("the app role writes through the triggers but cannot write the summary itself nor run DDL on it", async () => {
    const count = await getDb().$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "visit_summary"`);
    expect(count[0]!.n).toBeGreaterThan(0);
    // Every write above went through the app's connection (getDb(), DATABASE_URL), which may not
    // write either summary: the triggers did, as their owner (SECURITY DEFINER).
    const privileges = await getDb().$queryRawUnsafe<Array<{ write: boolean }>>(
      `SELECT bool_or(has_table_privilege(current_user, t, p)) AS "write" FROM unnest(ARRAY['visit_summary', 'subject_summary']) t, unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p`,
    );
    expect(privileges[0]!.write).toBe(false);
    await expect(getDb().$executeRawUnsafe(`ALTER TABLE "visit_summary" DISABLE TRIGGER ALL`)).rejects.toThrow();
    await expect(getDb().$executeRawUnsafe(`DROP TRIGGER "scheduled_visit_derive" ON "scheduled_visit"`)).rejects.toThrow();
  });
});
