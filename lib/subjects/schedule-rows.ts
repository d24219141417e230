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
 * keyset chunks of 5,000 with one query, lib/schedule computes each subject's rows, and a few
 * statements per chunk bring the stored rows to exactly that set (`bringPlanRowsTo`). A stored row and a computed one
 * of the same subject, visit id and version are the same row (updated when its dates or
 * activities changed); the rows left on either side are paired by subject and visit id — a
 * future visit moved to the new version by an amendment — and such a pair is one row updated in
 * place (new version, possibly new dates), keeping its id; only what is left after that is
 * deleted or inserted. Recorded visits always keep their key, so they are never moved (CDE
 * §2.3.2: an amendment changes the future only). Returns the number of plan rows the subjects
 * now have. `chunk` (subjects per chunk, default 5,000) is for the tests of chunk boundaries.
 */
export async function rewriteScheduleRows(tx: Tx, options: { studyId: string; subjectIds?: string[]; chunk?: number }): Promise<number> {
  const chunk = options.chunk ?? CHUNK;
  const planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(tx, { studyId: options.studyId }));
  let written = 0;
  let cursor = "";
  let tablesReady = false;
  for (;;) {
    const subjects = await tx.$queryRaw<StoredSubjectWithRecords[]>(Prisma.sql`
      SELECT s."id", s."dosingDate"::text AS "dosingDate", s."status", s."statusDate"::text AS "statusDate",
        (SELECT array_agg(r."visitId" || '|' || r."planVersion" || '|' || r."status" || '|' || r."date"::text)
           FROM "visit_record" r WHERE r."subjectId" = s."id" AND NOT r."unscheduled" AND r."planVersion" IS NOT NULL) AS "records"
      FROM "subject" s
      WHERE s."studyId" = ${options.studyId} AND s."id" > ${cursor}
        ${options.subjectIds ? Prisma.sql`AND s."id" = ANY(${options.subjectIds}::text[])` : Prisma.empty}
      ORDER BY s."id"
      LIMIT ${chunk}`);
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
    await bringPlanRowsTo(tx, { subjectIds: ids, lines: lines.join("\n"), visits, tablesReady });
    tablesReady = true;
    if (subjects.length < chunk) break;
  }
  return written;
}

/**
 * Bring the stored plan rows of `subjectIds` to exactly the computed `lines` (one chunk of
 * `rewriteScheduleRows`), in four statements after one that stages the differences.
 *
 * Decision 010: this used to be one statement over CTEs without statistics, and the planner,
 * guessing one row where there were tens of thousands, once ran a nested-loop anti-join that took
 * 86 s for a 2,000-subject amendment; nested loops were then turned off for it. Now nothing
 * depends on a join's row estimate, and no planner setting is overridden:
 *  - The pairing uses window functions over the chunk's stored rows and computed rows together
 *    (sorts, no join): a stored and a computed row of the same (subject, visit id, version) are a
 *    pair; the rows left on either side are paired by (subject, visit id) in version order (an
 *    amendment moves a future visit to the new version). A pair is changed when its version,
 *    dates, contact mode or activities differ.
 *  - Only what must be written is staged, in a temporary table (`schedule_changes`, created once
 *    per transaction, `ON COMMIT DROP`, emptied per chunk, indexed on `id`) that is `ANALYZE`d:
 *    stored rows without a pair (`d`), changed pairs (`u`: the stored id, the computed values),
 *    computed rows without a pair (`i`).
 *  - Then: delete the `d` rows, update the `u` rows in place (same id; unchanged rows are not
 *    written), insert the `i` rows — an order that never holds a unique key twice. Rows of
 *    `scheduled_visit` are reached by id arrays through its primary key (joined, the planner may
 *    scan all the program's rows — 2 M at 100,000 subjects — for a chunk's few thousand); the
 *    update's one join, back to the staged values, has an index on the staged side, so even a
 *    nested loop there is an index probe per row.
 * Each write is its own statement, so `scheduled_visit_rederive` and the summary triggers run
 * once per statement over its transition table, as for any other write.
 */
async function bringPlanRowsTo(
  tx: Tx,
  options: { subjectIds: string[]; lines: string; visits: { visitId: string[]; contactMode: string[]; activities: string[] }; tablesReady: boolean },
): Promise<void> {
  const { subjectIds, lines, visits } = options;
  if (!options.tablesReady) {
    await tx.$executeRaw`
      CREATE TEMP TABLE IF NOT EXISTS "schedule_changes" (
        "action" text NOT NULL, "id" text, "subjectId" text NOT NULL, "visitId" text NOT NULL, "planVersion" int, "offsetMonths" int,
        "targetDate" date NOT NULL, "windowStart" date NOT NULL, "windowEnd" date NOT NULL, "contactMode" text NOT NULL, "activities" text[] NOT NULL
      ) ON COMMIT DROP`;
    await tx.$executeRaw`CREATE INDEX IF NOT EXISTS "schedule_changes_id" ON pg_temp."schedule_changes" ("id")`;
    // The staging sorts a chunk's stored and computed rows together (≈200,000 at 5,000 subjects):
    // at the default 4 MB it spilled ≈34 MB to disk; in memory the staging took ≈20 % less
    // (decision 010). For this transaction only, set at its first chunk (the largest), and only
    // when that chunk is of that size.
    if (subjectIds.length > 100) await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
  }
  await tx.$executeRaw`TRUNCATE pg_temp."schedule_changes"`;
  // A computed line: subject id, visit index (1-based, into the visit arrays), version, offset, dates.
  // `exact`: one row of each side with this key; `k`: the pair's rank within (subject, visit id).
  const staged = await tx.$executeRaw`
    INSERT INTO pg_temp."schedule_changes" ("action", "id", "subjectId", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
    SELECT CASE WHEN c."stored" THEN 'd' WHEN c."size" = 1 THEN 'i' ELSE 'u' END, CASE WHEN c."stored" THEN c."id" ELSE c."pid" END,
      c."subjectId", c."visitId", c."planVersion", c."offsetMonths", c."targetDate", c."windowStart", c."windowEnd", c."contactMode", c."activities"
    FROM (
      SELECT b.*, max(b."id") OVER p AS "pid", count(*) OVER p AS "size", min(b."h") OVER p AS "lo", max(b."h") OVER p AS "hi"
      FROM (
        SELECT a.*, CASE WHEN a."exact" THEN a."planVersion" ELSE row_number() OVER (PARTITION BY a."subjectId", a."visitId", a."exact", a."stored" ORDER BY a."planVersion") END AS "k"
        FROM (
          SELECT x.*,
            md5(ROW(x."planVersion", x."offsetMonths", x."targetDate", x."windowStart", x."windowEnd", x."contactMode", x."activities")::text) AS "h",
            count(*) FILTER (WHERE x."stored") OVER key = 1 AND count(*) FILTER (WHERE NOT x."stored") OVER key = 1 AS "exact"
          FROM (
            SELECT true AS "stored", sv."id", sv."subjectId", sv."visitId", sv."planVersion", sv."offsetMonths", sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode", sv."activities"
            FROM "scheduled_visit" sv
            WHERE sv."subjectId" = ANY(${subjectIds}::text[]) AND sv."source" = 'plan'
            UNION ALL
            SELECT false, NULL, f[1], (${visits.visitId}::text[])[f[2]::int], f[3]::int, f[4]::int, f[5]::date, f[6]::date, f[7]::date,
              (${visits.contactMode}::text[])[f[2]::int], string_to_array((${visits.activities}::text[])[f[2]::int], ',')
            FROM (SELECT string_to_array(l, E'\t') AS f FROM string_to_table(${lines}, E'\n') AS l WHERE l <> '') q
          ) x
          WINDOW key AS (PARTITION BY x."subjectId", x."visitId", x."planVersion")
        ) a
      ) b
      WINDOW p AS (PARTITION BY b."subjectId", b."visitId", b."exact", b."k")
    ) c
    WHERE c."size" = 1 OR (NOT c."stored" AND c."lo" IS DISTINCT FROM c."hi")`;
  // Nothing differs (a status change that moves no plan row, an amendment's unchanged chunk): no writes.
  if (staged === 0) return;
  await tx.$executeRaw`ANALYZE pg_temp."schedule_changes" ("action", "id")`;
  await tx.$executeRaw`
    DELETE FROM "scheduled_visit"
    WHERE "id" = ANY(ARRAY(SELECT c."id" FROM pg_temp."schedule_changes" c WHERE c."action" = 'd'))`;
  await tx.$executeRaw`
    UPDATE "scheduled_visit" sv
    SET "planVersion" = c."planVersion", "offsetMonths" = c."offsetMonths", "targetDate" = c."targetDate", "windowStart" = c."windowStart",
      "windowEnd" = c."windowEnd", "contactMode" = c."contactMode", "activities" = c."activities"
    FROM pg_temp."schedule_changes" c
    WHERE sv."id" = ANY(ARRAY(SELECT u."id" FROM pg_temp."schedule_changes" u WHERE u."action" = 'u'))
      AND c."id" = sv."id" AND c."action" = 'u'`;
  await tx.$executeRaw`
    INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
    SELECT gen_random_uuid()::text, c."subjectId", 'plan', c."visitId", c."planVersion", c."offsetMonths", c."targetDate", c."windowStart", c."windowEnd", c."contactMode", c."activities"
    FROM pg_temp."schedule_changes" c
    WHERE c."action" = 'i'`;
}
