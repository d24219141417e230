-- Derived data the app role cannot forge (issue #16, docs/decisions/010-program-scale.md,
-- "Summaries and derived columns: written only by the database").
--
-- 1. The summaries (visit_summary, subject_summary) are written only by their triggers. The app
--    role loses INSERT, UPDATE, DELETE on them (lib/cli/db-roles.ts, re-applied after every
--    migrate), so the functions that keep them run as their owner (the migration owner):
--    SECURITY DEFINER, with a pinned search_path (PostgreSQL's guidance for definer functions:
--    trusted schema first, pg_temp last, so a temporary table of the caller's session cannot
--    stand in for "visit_summary"), and EXECUTE revoked from PUBLIC: a trigger fires whatever the
--    caller's privileges (PostgreSQL checks EXECUTE only when a trigger is created), but nobody
--    else may attach these functions to a table of their own (the app role owns its temporary
--    tables) and feed them forged rows.
ALTER FUNCTION scheduled_visit_summarise() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION subject_summarise() SECURITY DEFINER SET search_path = public, pg_temp;
REVOKE ALL ON FUNCTION scheduled_visit_summarise() FROM PUBLIC;
REVOKE ALL ON FUNCTION subject_summarise() FROM PUBLIC;

-- 2. The other trigger functions run as the caller, who may write the tables they write, but they
--    read other tables to derive or to guard: an unqualified "subject" or "visit_signature" would
--    resolve to a temporary table of the caller's session first (pg_temp is searched before the
--    path unless listed), so the caller could make scheduled_visit's derived columns lie, or edit a
--    signed visit record. Their search_path is pinned the same way. scheduled_visit_derive runs
--    once per inserted row (≈3 M rows for a 100,000-subject program, and every row an amendment
--    adds): rather than a per-call SET, it names its tables with their schema.
ALTER FUNCTION scheduled_visit_rederive() SET search_path = public, pg_temp;
ALTER FUNCTION visit_record_touch_schedule() SET search_path = public, pg_temp;
ALTER FUNCTION subject_touch_schedule() SET search_path = public, pg_temp;
ALTER FUNCTION visit_record_frozen_while_signed() SET search_path = public, pg_temp;
ALTER FUNCTION visit_signature_only_voided() SET search_path = public, pg_temp;
ALTER FUNCTION query_never_deleted() SET search_path = public, pg_temp;
ALTER FUNCTION query_message_append_only() SET search_path = public, pg_temp;
ALTER FUNCTION escalation_resolved_is_final() SET search_path = public, pg_temp;
ALTER FUNCTION "history_refuse_delete"() SET search_path = public, pg_temp;
ALTER FUNCTION "version_refuse_frozen_change"() SET search_path = public, pg_temp;
ALTER FUNCTION "risk_profile_version_refuse_change"() SET search_path = public, pg_temp;
ALTER FUNCTION "audit_log_refuse_change"() SET search_path = public, pg_temp;

-- Same body as 20261127010000, its tables named with their schema.
CREATE OR REPLACE FUNCTION scheduled_visit_derive() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s record;
  r record;
BEGIN
  SELECT "studyId", "siteId", "status", "statusDate" INTO s FROM "public"."subject" WHERE "id" = NEW."subjectId";
  -- One record per (subject, visit id, plan version), NULLS NOT DISTINCT (visit_record_one_per_visit).
  IF NEW."planVersion" IS NULL THEN
    SELECT "status", "date" INTO r FROM "public"."visit_record" WHERE "subjectId" = NEW."subjectId" AND "visitId" = NEW."visitId" AND "planVersion" IS NULL;
  ELSE
    SELECT "status", "date" INTO r FROM "public"."visit_record" WHERE "subjectId" = NEW."subjectId" AND "visitId" = NEW."visitId" AND "planVersion" = NEW."planVersion";
  END IF;
  NEW."studyId" := s."studyId";
  NEW."siteId" := s."siteId";
  NEW."recordStatus" := r."status";
  NEW."recordDate" := r."date";
  NEW."open" := r."status" IS NULL AND NOT (s."status" <> 'active' AND s."statusDate" IS NOT NULL AND NEW."targetDate" > s."statusDate");
  RETURN NEW;
END
$$;
