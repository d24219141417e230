import "server-only";
import type { Tx } from "@/lib/db/client";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { buildSchedule, type Schedule } from "@/lib/schedule/build-schedule";
import { Prisma } from "@/lib/generated/prisma/client";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { ZPlan } from "@/lib/validation/plan";
import type { TSchedulePlanVersion, TScheduleSubject, TSubjectStatus, TVisitRecord } from "@/lib/validation/schedule";

/** What the engine needs of a subject, as stored. */
export interface StoredSubjectForSchedule {
  id: string;
  dosingDate: Date;
  status: string;
  statusDate: Date | null;
}

export interface StoredRecordForSchedule {
  visitId: string;
  planVersion: number | null;
  unscheduled: boolean;
  status: string;
  date: Date;
}

/** Stored plan versions as the engine's `planVersions` (each plan parsed once, shared by every subject). */
export function toSchedulePlanVersions(rows: Array<{ version: number; effectiveDate: Date | null; plan: unknown }>): TSchedulePlanVersion[] {
  return rows.filter((row) => row.effectiveDate !== null).map((row) => ({ version: row.version, effectiveDate: calendarDateFromDb(row.effectiveDate!), plan: ZPlan.parse(row.plan) }));
}

export function toScheduleSubject(subject: StoredSubjectForSchedule): TScheduleSubject {
  return subject.status === "active" || !subject.statusDate
    ? { status: "active" }
    : { status: subject.status as TSubjectStatus, statusDate: calendarDateFromDb(subject.statusDate) };
}

/** Records of plan visits only: unscheduled and escalation visits are not the plan's. */
export function toScheduleRecords(records: StoredRecordForSchedule[]): TVisitRecord[] {
  return records
    .filter((record) => !record.unscheduled && record.planVersion !== null)
    .map((record) => ({ visitId: record.visitId, planVersion: record.planVersion!, status: record.status as TVisitRecord["status"], date: calendarDateFromDb(record.date) }));
}

/** lib/schedule on stored data: the one way the server computes a subject's schedule. */
export function scheduleFromStored(options: { planVersions: TSchedulePlanVersion[]; subject: StoredSubjectForSchedule; records: StoredRecordForSchedule[]; asOf: string }): Schedule {
  return buildSchedule({
    dosingDate: calendarDateFromDb(options.subject.dosingDate),
    asOf: options.asOf,
    planVersions: options.planVersions,
    records: toScheduleRecords(options.records),
    subject: toScheduleSubject(options.subject),
  });
}

const CHUNK = 5_000;

interface StoredSubjectWithRecords {
  id: string;
  dosingDate: string;
  status: string;
  statusDate: string | null;
  /** Plan records as `visitId|planVersion|status|date`. */
  records: string[] | null;
}

/**
 * Rewrite the stored plan rows of the given subjects (or every subject of the study) from
 * lib/schedule, inside the caller's transaction: on enrolment, plan activation (amendment)
 * and status change. Which visits exist does not depend on `asOf`, so the rows hold no
 * status; rows of other sources (escalation, extension) are left alone.
 *
 * Set-based (docs/decisions/010-program-scale.md): subjects and their plan records are read in
 * keyset chunks of 5,000 with one query, lib/schedule computes each subject's rows, and one
 * statement per chunk brings the stored rows to exactly that set. A stored row and a computed one
 * of the same subject, visit id and version are the same row (updated when its dates or
 * activities changed); the rows left on either side are paired by subject and visit id — a
 * future visit moved to the new version by an amendment — and such a pair is one row updated in
 * place (new version, possibly new dates), keeping its id; only what is left after that is
 * deleted or inserted. Recorded visits always keep their key, so they are never moved (CDE
 * §2.3.2: an amendment changes the future only). Returns the number of plan rows the subjects
 * now have.
 */
export async function rewriteScheduleRows(tx: Tx, options: { studyId: string; subjectIds?: string[] }): Promise<number> {
  const planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(tx, { studyId: options.studyId }));
  let written = 0;
  let cursor = "";
  for (;;) {
    const subjects = await tx.$queryRaw<StoredSubjectWithRecords[]>(Prisma.sql`
      SELECT s."id", s."dosingDate"::text AS "dosingDate", s."status", s."statusDate"::text AS "statusDate",
        (SELECT array_agg(r."visitId" || '|' || r."planVersion" || '|' || r."status" || '|' || r."date"::text)
           FROM "visit_record" r WHERE r."subjectId" = s."id" AND NOT r."unscheduled" AND r."planVersion" IS NOT NULL) AS "records"
      FROM "subject" s
      WHERE s."studyId" = ${options.studyId} AND s."id" > ${cursor}
        ${options.subjectIds ? Prisma.sql`AND s."id" = ANY(${options.subjectIds}::text[])` : Prisma.empty}
      ORDER BY s."id"
      LIMIT ${CHUNK}`);
    if (subjects.length === 0) break;
    cursor = subjects[subjects.length - 1]!.id;
    const ids = subjects.map((s) => s.id);
    // The computed rows travel as one text parameter, a line per row (tab-separated subject id,
    // visit index, version, offset, dates): nine arrays of 100,000 elements cost Prisma ≈1 s a
    // chunk to pass, the text ≈0.4 s (decision 010). The visit's texts (id, contact mode,
    // activities) are looked up by index in small arrays, so no plan text is ever split.
    const lines: string[] = [];
    const visitIndex = new Map<string, number>();
    const visits = { visitId: [] as string[], contactMode: [] as string[], activities: [] as string[] };
    if (planVersions.length > 0) {
      for (const subject of subjects) {
        if (/[\t\n]/.test(subject.id)) throw new Error(`subject id with a tab or line break: ${JSON.stringify(subject.id)}`);
        const schedule = buildSchedule({
          dosingDate: subject.dosingDate,
          asOf: subject.dosingDate,
          planVersions,
          records: (subject.records ?? []).map((text) => {
            const [visitId, planVersion, status, date] = text.split("|");
            return { visitId: visitId!, planVersion: Number(planVersion), status: status as TVisitRecord["status"], date: date! };
          }),
          subject: subject.status === "active" || !subject.statusDate ? { status: "active" } : { status: subject.status as TSubjectStatus, statusDate: subject.statusDate },
        });
        for (const visit of schedule.visits) {
          const activities = visit.activities.join(",");
          const key = JSON.stringify([visit.visitId, visit.contactMode, activities]);
          let index = visitIndex.get(key);
          if (index === undefined) {
            index = visits.visitId.push(visit.visitId);
            visits.contactMode.push(visit.contactMode);
            visits.activities.push(activities);
            visitIndex.set(key, index);
          }
          lines.push(`${subject.id}\t${index}\t${visit.planVersion}\t${visit.offsetMonths}\t${visit.targetDate}\t${visit.windowStart}\t${visit.windowEnd}`);
        }
      }
    }
    written += lines.length;
    // The CTE scans below have no statistics: the planner estimates the exact-match join `same`
    // at a row or so and may pick nested-loop anti-joins over tens of thousands of rows (measured:
    // a 2,000-subject amendment took 86 s instead of 1.4 s, depending on when autoanalyze had
    // run). Every join here is an equality over whole sets, so hash joins are right: nested loops
    // are off for this statement only (and its re-derive trigger), back on right after.
    await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
    await tx.$executeRaw(Prisma.sql`
      WITH v AS (
        SELECT * FROM unnest(${visits.visitId}::text[], ${visits.contactMode}::text[], ${visits.activities}::text[]) WITH ORDINALITY AS v("visitId", "contactMode", "activities", "i")
      ),
      n AS MATERIALIZED (
        SELECT f[1] AS "subjectId", v."visitId", f[3]::int AS "planVersion", f[4]::int AS "offsetMonths", f[5]::date AS "targetDate", f[6]::date AS "windowStart",
          f[7]::date AS "windowEnd", v."contactMode", v."activities"
        FROM (SELECT string_to_array(l, E'\t') AS f FROM string_to_table(${lines.join("\n")}, E'\n') AS l WHERE l <> '') q
        JOIN v ON v."i" = f[2]::int
      ),
      e AS MATERIALIZED (
        SELECT sv."id", sv."subjectId", sv."visitId", sv."planVersion", sv."offsetMonths", sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode", sv."activities"
        FROM "scheduled_visit" sv
        WHERE sv."subjectId" = ANY(${ids}::text[]) AND sv."source" = 'plan'
      ),
      same AS (
        SELECT e."id", n.*, e."offsetMonths" AS "oldOffsetMonths", e."targetDate" AS "oldTargetDate", e."windowStart" AS "oldWindowStart",
          e."windowEnd" AS "oldWindowEnd", e."contactMode" AS "oldContactMode", e."activities" AS "oldActivities"
        FROM e JOIN n ON n."subjectId" = e."subjectId" AND n."visitId" = e."visitId" AND n."planVersion" = e."planVersion"
      ),
      -- Rows without a counterpart of the same key, paired by subject and visit id (an
      -- amendment moves a future visit to the new version): such a pair is one row updated.
      eu AS (
        SELECT e."id", e."subjectId", e."visitId", row_number() OVER (PARTITION BY e."subjectId", e."visitId" ORDER BY e."planVersion") AS k
        FROM e WHERE NOT EXISTS (SELECT 1 FROM same WHERE same."id" = e."id")
      ),
      nu AS (
        SELECT n.*, row_number() OVER (PARTITION BY n."subjectId", n."visitId" ORDER BY n."planVersion") AS k
        FROM n WHERE NOT EXISTS (SELECT 1 FROM e WHERE e."subjectId" = n."subjectId" AND e."visitId" = n."visitId" AND e."planVersion" = n."planVersion")
      ),
      moved AS (
        SELECT eu."id", nu."subjectId", nu."visitId", nu."planVersion", nu."offsetMonths", nu."targetDate", nu."windowStart", nu."windowEnd", nu."contactMode", nu."activities", nu."k"
        FROM eu JOIN nu ON nu."subjectId" = eu."subjectId" AND nu."visitId" = eu."visitId" AND nu."k" = eu."k"
      ),
      target AS (
        SELECT "id", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities" FROM moved
        UNION ALL
        SELECT "id", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities" FROM same
        WHERE ("oldOffsetMonths", "oldTargetDate", "oldWindowStart", "oldWindowEnd", "oldContactMode", "oldActivities")
          IS DISTINCT FROM ("offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", string_to_array("activities", ','))
      ),
      -- By id through the primary key (an array: a join lets the planner scan the whole table).
      gone AS (
        DELETE FROM "scheduled_visit" sv
        WHERE sv."id" = ANY(ARRAY(SELECT eu."id" FROM eu WHERE NOT EXISTS (SELECT 1 FROM moved WHERE moved."id" = eu."id")))
      ),
      changed AS (
        UPDATE "scheduled_visit" sv
        SET "planVersion" = t."planVersion", "offsetMonths" = t."offsetMonths", "targetDate" = t."targetDate", "windowStart" = t."windowStart",
          "windowEnd" = t."windowEnd", "contactMode" = t."contactMode", "activities" = string_to_array(t."activities", ',')
        FROM target t
        WHERE sv."id" = t."id"
      )
      INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
      SELECT gen_random_uuid()::text, nu."subjectId", 'plan', nu."visitId", nu."planVersion", nu."offsetMonths", nu."targetDate", nu."windowStart", nu."windowEnd", nu."contactMode", string_to_array(nu."activities", ',')
      FROM nu
      WHERE NOT EXISTS (SELECT 1 FROM moved WHERE moved."subjectId" = nu."subjectId" AND moved."visitId" = nu."visitId" AND moved."k" = nu."k")`);
    await tx.$executeRaw`SET LOCAL enable_nestloop = DEFAULT`;
    if (subjects.length < CHUNK) break;
  }
  return written;
}
