/**
 * The bench's floor (`npm run bench`, lib/cli/bench.ts): the monitor dashboard's heaviest query
 * (lib/db/dashboard.ts getDashboard, its visit counts) written by hand as raw SQL, run over `pg`
 * on the same database, so `ratio` = dashboard p95 / floor p95 shows what the app adds on top of
 * the database's own work (HTTP, session, authorisation, the other queries, JSON).
 *
 * Since migration 20261127010000 (docs/decisions/010-program-scale.md) that query reads the open
 * visits near asOf through scheduled_visit_open_idx (index only) and the per-month summary of
 * recorded visits, per site of the study: overdue, in window, due within 30 and 90 days,
 * completed on time, and due (completed + missed + overdue). $1 = study id, $2 = asOf.
 */
export const FLOOR_SQL = `
  WITH p AS (SELECT DISTINCT "studyId", "siteId" FROM "study_site" WHERE "studyId" = $1),
  open AS (
    SELECT sv."siteId",
      count(*) FILTER (WHERE sv."windowEnd" < $2::date) AS overdue,
      count(*) FILTER (WHERE sv."windowStart" <= $2::date AND sv."windowEnd" >= $2::date) AS window_open,
      count(*) FILTER (WHERE sv."targetDate" BETWEEN $2::date AND $2::date + 30) AS due30,
      count(*) FILTER (WHERE sv."targetDate" BETWEEN $2::date AND $2::date + 90) AS due90
    FROM p JOIN "scheduled_visit" sv ON sv."siteId" = p."siteId" AND sv."studyId" = p."studyId"
    WHERE sv."open" AND sv."windowStart" <= $2::date + 90
    GROUP BY sv."siteId"),
  recorded AS (
    SELECT vs."siteId", sum(vs."onTime") AS on_time, sum(vs."completed" + vs."missed") AS recorded
    FROM "visit_summary" vs WHERE vs."studyId" = $1
    GROUP BY vs."siteId")
  SELECT COALESCE(o."siteId", r."siteId") AS "siteId", o.overdue, o.window_open, o.due30, o.due90,
    COALESCE(r.on_time, 0) AS on_time, COALESCE(r.recorded, 0) + COALESCE(o.overdue, 0) AS due
  FROM open o FULL JOIN recorded r ON r."siteId" = o."siteId"`;
