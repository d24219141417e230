import type pg from "pg";

/**
 * A study's `visit_summary` (its non-zero rows) and the same counts grouped from scratch over the
 * base tables, read on `client` (inside its transaction, if it has one). Tables are named with
 * their schema, so a temporary table of the session cannot stand in for one.
 */
export async function visitSummaryAndRecount(client: pg.Client, studyId: string): Promise<{ kept: unknown[]; recounted: unknown[] }> {
  const kept = (
    await client.query(
      `SELECT "siteId", "month"::text, "completed", "onTime", "missed" FROM public."visit_summary"
       WHERE "studyId" = $1 AND ("completed" <> 0 OR "onTime" <> 0 OR "missed" <> 0) ORDER BY 1, 2`,
      [studyId],
    )
  ).rows;
  const recounted = (
    await client.query(
      `SELECT s."siteId", date_trunc('month', sv."windowEnd")::date::text AS "month",
         count(*) FILTER (WHERE r."status" = 'completed')::int AS "completed",
         count(*) FILTER (WHERE r."status" = 'completed' AND r."date" BETWEEN sv."windowStart" AND sv."windowEnd")::int AS "onTime",
         count(*) FILTER (WHERE r."status" = 'missed')::int AS "missed"
       FROM public."scheduled_visit" sv
       JOIN public."subject" s ON s."id" = sv."subjectId"
       JOIN public."visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion"
       WHERE s."studyId" = $1
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [studyId],
    )
  ).rows;
  return { kept, recounted };
}
