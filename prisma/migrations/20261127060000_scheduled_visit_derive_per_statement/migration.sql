-- Program scale (issue #16, docs/decisions/010-program-scale.md): an amendment updates ≈1.2 M
-- scheduled_visit rows in place (a future visit moved to the new plan version). The BEFORE row
-- trigger scheduled_visit_derive ran two lookups per row for that (≈20 % of the statement's
-- time). Updates are now re-derived per statement: one set-based pass over the statement's new
-- rows (transition table) joined to "subject" and "visit_record", writing only the rows whose
-- derived columns differ from what their sources say — none for an amendment's moved rows, so
-- nothing is written twice. Inserts keep the row trigger (the derived columns are NOT NULL and
-- need their values as the row is written). Same rule as before, same transaction: a direct
-- write to a derived column, a visit record written (visit_record_touch_schedule), a subject
-- moved or leaving (subject_touch_schedule) are all updates of the rows, re-derived here.

DROP TRIGGER "scheduled_visit_derive" ON "scheduled_visit";
CREATE TRIGGER "scheduled_visit_derive" BEFORE INSERT ON "scheduled_visit"
  FOR EACH ROW EXECUTE FUNCTION scheduled_visit_derive();

CREATE FUNCTION scheduled_visit_rederive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The fix-up below is an update too: it fires this trigger again over the rows it fixed, which
  -- then agree with their sources (nothing written), and that empty update ends here.
  IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
    RETURN NULL;
  END IF;
  -- The rows whose derived columns (as the statement left them) differ from their sources,
  -- then those rows by id through the primary key (an id array: joined, the planner would hash
  -- the whole table for the few rows to fix).
  WITH x AS MATERIALIZED (
    SELECT d.* FROM (
      SELECT n."id", n."studyId" AS "oldStudyId", n."siteId" AS "oldSiteId", n."recordStatus" AS "oldRecordStatus", n."recordDate" AS "oldRecordDate", n."open" AS "oldOpen",
        s."studyId", s."siteId", r."status" AS "recordStatus", r."date" AS "recordDate",
        (r."status" IS NULL AND NOT (s."status" <> 'active' AND s."statusDate" IS NOT NULL AND n."targetDate" > s."statusDate")) AS "open"
      FROM new_rows n
      JOIN "subject" s ON s."id" = n."subjectId"
      -- One record per (subject, visit id, plan version), NULLS NOT DISTINCT (visit_record_one_per_visit);
      -- the version compared apart so the join keys stay equalities (hash or index).
      LEFT JOIN "visit_record" r ON r."subjectId" = n."subjectId" AND r."visitId" = n."visitId"
        AND (r."planVersion" = n."planVersion" OR (r."planVersion" IS NULL AND n."planVersion" IS NULL))
    ) d
    WHERE (d."oldStudyId", d."oldSiteId", d."oldRecordStatus", d."oldRecordDate", d."oldOpen") IS DISTINCT FROM (d."studyId", d."siteId", d."recordStatus", d."recordDate", d."open")
  )
  UPDATE "scheduled_visit" sv
  SET "studyId" = x."studyId", "siteId" = x."siteId", "recordStatus" = x."recordStatus", "recordDate" = x."recordDate", "open" = x."open"
  FROM x
  WHERE sv."id" = x."id" AND sv."id" = ANY(ARRAY(SELECT x."id" FROM x));
  RETURN NULL;
END
$$;
CREATE TRIGGER "scheduled_visit_rederive" AFTER UPDATE ON "scheduled_visit"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scheduled_visit_rederive();
