-- CreateTable
CREATE TABLE "subject" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "yearOfBirth" INTEGER NOT NULL,
    "sex" TEXT NOT NULL,
    "dosingDate" DATE NOT NULL,
    "lot" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "statusDate" DATE,
    "statusReason" TEXT,
    "deathCause" TEXT,
    "consentVersion" INTEGER NOT NULL,
    "consentDate" DATE NOT NULL,
    "confounders" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scheduled_visit" (
    "id" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'plan',
    "visitId" TEXT NOT NULL,
    "planVersion" INTEGER,
    "escalationId" TEXT,
    "offsetMonths" INTEGER,
    "targetDate" DATE NOT NULL,
    "windowStart" DATE NOT NULL,
    "windowEnd" DATE NOT NULL,
    "contactMode" TEXT NOT NULL,
    "activities" TEXT[],

    CONSTRAINT "scheduled_visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_record" (
    "id" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "visitId" TEXT NOT NULL,
    "planVersion" INTEGER,
    "unscheduled" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "contactMode" TEXT,
    "assessments" JSONB,
    "reason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "visit_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "visit_signature" (
    "id" TEXT NOT NULL,
    "visitRecordId" TEXT NOT NULL,
    "recordVersion" INTEGER NOT NULL,
    "signerId" TEXT NOT NULL,
    "signerName" TEXT NOT NULL,
    "signerEmail" TEXT NOT NULL,
    "meaning" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" TIMESTAMPTZ(3),
    "voidedReason" TEXT,

    CONSTRAINT "visit_signature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact_attempt" (
    "id" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "mode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subject_consent" (
    "id" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "consentVersion" INTEGER NOT NULL,
    "consentDate" DATE NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subject_consent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "subject_siteId_status_idx" ON "subject"("siteId", "status");

-- CreateIndex
CREATE INDEX "subject_studyId_status_idx" ON "subject"("studyId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "subject_studyId_code_key" ON "subject"("studyId", "code");

-- CreateIndex
CREATE INDEX "scheduled_visit_subjectId_targetDate_idx" ON "scheduled_visit"("subjectId", "targetDate");

-- CreateIndex
CREATE INDEX "scheduled_visit_windowEnd_idx" ON "scheduled_visit"("windowEnd");

-- CreateIndex
CREATE INDEX "scheduled_visit_targetDate_idx" ON "scheduled_visit"("targetDate");

-- CreateIndex
CREATE INDEX "visit_record_subjectId_date_idx" ON "visit_record"("subjectId", "date");

-- CreateIndex
CREATE INDEX "visit_signature_visitRecordId_idx" ON "visit_signature"("visitRecordId");

-- CreateIndex
CREATE INDEX "contact_attempt_subjectId_date_idx" ON "contact_attempt"("subjectId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "subject_consent_subjectId_consentVersion_key" ON "subject_consent"("subjectId", "consentVersion");

-- AddForeignKey
ALTER TABLE "subject" ADD CONSTRAINT "subject_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject" ADD CONSTRAINT "subject_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject" ADD CONSTRAINT "subject_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject" ADD CONSTRAINT "subject_studyId_siteId_fkey" FOREIGN KEY ("studyId", "siteId") REFERENCES "study_site"("studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scheduled_visit" ADD CONSTRAINT "scheduled_visit_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_record" ADD CONSTRAINT "visit_record_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "visit_signature" ADD CONSTRAINT "visit_signature_visitRecordId_fkey" FOREIGN KEY ("visitRecordId") REFERENCES "visit_record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact_attempt" ADD CONSTRAINT "contact_attempt_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subject_consent" ADD CONSTRAINT "subject_consent_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Integrity rules Prisma's schema language cannot express -----------------------------

ALTER TABLE "subject" ADD CONSTRAINT "subject_status_known"
  CHECK ("status" IN ('active', 'completed', 'withdrawn', 'lost_to_follow_up', 'died'));
ALTER TABLE "subject" ADD CONSTRAINT "subject_status_dated" CHECK ("status" = 'active' OR "statusDate" IS NOT NULL);
ALTER TABLE "subject" ADD CONSTRAINT "subject_death_has_cause" CHECK ("status" <> 'died' OR "deathCause" IS NOT NULL);
ALTER TABLE "subject" ADD CONSTRAINT "subject_sex_known" CHECK ("sex" IN ('female', 'male', 'other', 'unknown'));
ALTER TABLE "subject" ADD CONSTRAINT "subject_year_of_birth_range" CHECK ("yearOfBirth" BETWEEN 1900 AND 2200);
ALTER TABLE "subject" ADD CONSTRAINT "subject_version_positive" CHECK ("version" >= 1 AND "consentVersion" >= 1);

-- Plan rows name their plan version; rows the safety rules add (escalation, extension) name
-- their escalation instead.
ALTER TABLE "scheduled_visit" ADD CONSTRAINT "scheduled_visit_source_known" CHECK ("source" IN ('plan', 'escalation', 'extension'));
ALTER TABLE "scheduled_visit" ADD CONSTRAINT "scheduled_visit_source_origin"
  CHECK (("source" = 'plan' AND "planVersion" IS NOT NULL AND "escalationId" IS NULL) OR ("source" <> 'plan' AND "planVersion" IS NULL));
ALTER TABLE "scheduled_visit" ADD CONSTRAINT "scheduled_visit_window_order" CHECK ("windowStart" <= "targetDate" AND "targetDate" <= "windowEnd");
CREATE UNIQUE INDEX "scheduled_visit_one_plan_visit" ON "scheduled_visit" ("subjectId", "visitId", "planVersion") WHERE "source" = 'plan';

ALTER TABLE "visit_record" ADD CONSTRAINT "visit_record_status_known" CHECK ("status" IN ('completed', 'missed'));
ALTER TABLE "visit_record" ADD CONSTRAINT "visit_record_missed_has_reason" CHECK ("status" <> 'missed' OR "reason" IS NOT NULL);
ALTER TABLE "visit_record" ADD CONSTRAINT "visit_record_unscheduled_has_no_plan" CHECK (NOT "unscheduled" OR "planVersion" IS NULL);
ALTER TABLE "visit_record" ADD CONSTRAINT "visit_record_version_positive" CHECK ("version" >= 1);
-- One record per visit (a visit id under a plan version; unscheduled and escalation visits under NULL).
CREATE UNIQUE INDEX "visit_record_one_per_visit" ON "visit_record" ("subjectId", "visitId", "planVersion") NULLS NOT DISTINCT;

-- At most one valid signature per visit record.
CREATE UNIQUE INDEX "visit_signature_one_valid" ON "visit_signature" ("visitRecordId") WHERE "voidedAt" IS NULL;
ALTER TABLE "visit_signature" ADD CONSTRAINT "visit_signature_void_has_reason" CHECK ("voidedAt" IS NULL OR "voidedReason" IS NOT NULL);

-- The status of a scheduled visit at a date, in SQL. The same precedence as lib/schedule's
-- buildSchedule (SCHEDULE-CONTRACT.md): recorded, not required after the subject left,
-- overdue, window open, upcoming. A property test holds the two equal.
CREATE FUNCTION ltfu_visit_status(target_date date, window_start date, window_end date, record_status text, subject_status text, status_date date, as_of date)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN record_status IS NOT NULL THEN record_status
    WHEN subject_status <> 'active' AND status_date IS NOT NULL AND target_date > status_date THEN 'not_required'
    WHEN window_end < as_of THEN 'overdue'
    WHEN window_start <= as_of THEN 'window_open'
    ELSE 'upcoming'
  END
$$;

-- 21 CFR 11.70: a signed record cannot change while its signature is valid. The application
-- voids the signature first (the voiding path), in the same transaction as the change.
-- Records are never deleted.
CREATE FUNCTION visit_record_frozen_while_signed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'visit records are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF EXISTS (SELECT 1 FROM "visit_signature" WHERE "visitRecordId" = OLD."id" AND "voidedAt" IS NULL) THEN
    RAISE EXCEPTION 'visit record % is signed: void its signature before changing it', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "visit_record_frozen_while_signed" BEFORE UPDATE OR DELETE ON "visit_record"
  FOR EACH ROW EXECUTE FUNCTION visit_record_frozen_while_signed();

-- A signature is never deleted or rewritten; the one change allowed is voiding it, once.
CREATE FUNCTION visit_signature_only_voided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'signatures are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."voidedAt" IS NOT NULL OR NEW."voidedAt" IS NULL
     OR (NEW."id", NEW."visitRecordId", NEW."recordVersion", NEW."signerId", NEW."signerName", NEW."signerEmail", NEW."meaning", NEW."signedAt")
        IS DISTINCT FROM (OLD."id", OLD."visitRecordId", OLD."recordVersion", OLD."signerId", OLD."signerName", OLD."signerEmail", OLD."meaning", OLD."signedAt") THEN
    RAISE EXCEPTION 'a signature can only be voided, once' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "visit_signature_only_voided" BEFORE UPDATE OR DELETE ON "visit_signature"
  FOR EACH ROW EXECUTE FUNCTION visit_signature_only_voided();

-- Audit actions of signatures: signed, a failed signing attempt, voided by a later change.
-- (Redefines the foundation's list; a later migration that changes it must keep these.)
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_known";
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_known"
  CHECK ("action" IN ('create', 'update', 'delete', 'activate', 'supersede', 'revoke', 'disable', 'enable', 'sign', 'sign_failed', 'void'));
