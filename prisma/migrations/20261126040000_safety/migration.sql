-- AlterTable
ALTER TABLE "product" ADD COLUMN     "expectedVectorPositivePercentMax" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "adverse_event" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "visitRecordId" TEXT,
    "term" TEXT NOT NULL,
    "onsetDate" DATE NOT NULL,
    "serious" BOOLEAN NOT NULL,
    "seriousnessCriteria" TEXT[],
    "grade" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "relatedness" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "possibleRcl" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "adverse_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sample_result" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "visitRecordId" TEXT,
    "kind" TEXT NOT NULL,
    "collectedDate" DATE NOT NULL,
    "sampleType" TEXT NOT NULL,
    "surrogate" BOOLEAN NOT NULL DEFAULT false,
    "assay" TEXT,
    "detected" BOOLEAN NOT NULL,
    "value" DOUBLE PRECISION,
    "unit" TEXT,
    "dominantClone" BOOLEAN,
    "clonalExpansion" BOOLEAN,
    "nearOncogene" BOOLEAN,
    "largestClonePercent" DOUBLE PRECISION,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sample_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "escalation" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "citation" TEXT NOT NULL,
    "openedDate" DATE NOT NULL,
    "dueDate" DATE,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedDate" DATE,
    "note" TEXT,
    "resolvedById" TEXT,
    "sampleResultId" TEXT,
    "adverseEventId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "escalation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "adverse_event_subjectId_onsetDate_idx" ON "adverse_event"("subjectId", "onsetDate");

-- CreateIndex
CREATE INDEX "adverse_event_studyId_category_idx" ON "adverse_event"("studyId", "category");

-- CreateIndex
CREATE INDEX "sample_result_subjectId_collectedDate_idx" ON "sample_result"("subjectId", "collectedDate");

-- CreateIndex
CREATE INDEX "sample_result_studyId_kind_idx" ON "sample_result"("studyId", "kind");

-- CreateIndex
CREATE INDEX "escalation_subjectId_openedDate_idx" ON "escalation"("subjectId", "openedDate");

-- CreateIndex
CREATE INDEX "escalation_studyId_status_idx" ON "escalation"("studyId", "status");

-- AddForeignKey
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_sampleResultId_fkey" FOREIGN KEY ("sampleResultId") REFERENCES "sample_result"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_adverseEventId_fkey" FOREIGN KEY ("adverseEventId") REFERENCES "adverse_event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Integrity rules Prisma's schema language cannot express -----------------------------
-- Tenancy: a safety record's organisation, study and site are its subject's, always. The
-- composite key follows a subject moved to another site (ON UPDATE CASCADE).
CREATE UNIQUE INDEX "subject_tenancy_key" ON "subject" ("id", "organizationId", "studyId", "siteId");
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_subject_fkey" FOREIGN KEY ("subjectId", "organizationId", "studyId", "siteId")
  REFERENCES "subject" ("id", "organizationId", "studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sample_result" ADD CONSTRAINT "sample_result_subject_fkey" FOREIGN KEY ("subjectId", "organizationId", "studyId", "siteId")
  REFERENCES "subject" ("id", "organizationId", "studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_subject_fkey" FOREIGN KEY ("subjectId", "organizationId", "studyId", "siteId")
  REFERENCES "subject" ("id", "organizationId", "studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;
-- A linked visit is a visit of the same subject.
CREATE UNIQUE INDEX "visit_record_subject_key" ON "visit_record" ("id", "subjectId");
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_visit_fkey" FOREIGN KEY ("visitRecordId", "subjectId") REFERENCES "visit_record" ("id", "subjectId") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "sample_result" ADD CONSTRAINT "sample_result_visit_fkey" FOREIGN KEY ("visitRecordId", "subjectId") REFERENCES "visit_record" ("id", "subjectId") ON DELETE RESTRICT ON UPDATE CASCADE;
-- The record that fired an escalation belongs to the same subject.
CREATE UNIQUE INDEX "sample_result_subject_key" ON "sample_result" ("id", "subjectId");
CREATE UNIQUE INDEX "adverse_event_subject_key" ON "adverse_event" ("id", "subjectId");
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_sample_result_subject_fkey" FOREIGN KEY ("sampleResultId", "subjectId") REFERENCES "sample_result" ("id", "subjectId") ON DELETE RESTRICT;
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_adverse_event_subject_fkey" FOREIGN KEY ("adverseEventId", "subjectId") REFERENCES "adverse_event" ("id", "subjectId") ON DELETE RESTRICT;
-- Schedule rows the safety rules add name an escalation of the same subject.
CREATE UNIQUE INDEX "escalation_subject_key" ON "escalation" ("id", "subjectId");
ALTER TABLE "scheduled_visit" ADD CONSTRAINT "scheduled_visit_escalation_fkey" FOREIGN KEY ("escalationId", "subjectId") REFERENCES "escalation" ("id", "subjectId") ON DELETE RESTRICT;
CREATE UNIQUE INDEX "scheduled_visit_one_safety_event" ON "scheduled_visit" ("subjectId", "visitId") WHERE "source" <> 'plan';

-- Vocabularies and ranges of CLINICAL-API-CONTRACT "Safety" (lib/validation/safety.ts).
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_grade_range" CHECK ("grade" BETWEEN 1 AND 5);
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_category_known"
  CHECK ("category" IN ('malignancy', 'neurological', 'immunogenic_autoimmune', 'infection', 'haematological', 'other'));
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_relatedness_known" CHECK ("relatedness" IN ('unrelated', 'unlikely', 'possible', 'probable', 'definite'));
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_outcome_known"
  CHECK ("outcome" IN ('recovered', 'recovering', 'not_recovered', 'recovered_with_sequelae', 'fatal', 'unknown'));
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_serious_has_criteria" CHECK ("serious" = (cardinality("seriousnessCriteria") > 0));
ALTER TABLE "adverse_event" ADD CONSTRAINT "adverse_event_version_positive" CHECK ("version" >= 1);
ALTER TABLE "sample_result" ADD CONSTRAINT "sample_result_kind_known"
  CHECK ("kind" IN ('persistence', 'vector_copy_number', 'vector_positive_percent', 'clonality', 'integration_site_analysis', 'rcl_rcr', 'off_target', 'shedding'));
ALTER TABLE "sample_result" ADD CONSTRAINT "sample_result_percent_range" CHECK ("largestClonePercent" IS NULL OR "largestClonePercent" BETWEEN 0 AND 100);
ALTER TABLE "sample_result" ADD CONSTRAINT "sample_result_value_finite" CHECK ("value" IS NULL OR "value" NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8));
ALTER TABLE "product" ADD CONSTRAINT "product_expected_vector_positive_range"
  CHECK ("expectedVectorPositivePercentMax" IS NULL OR "expectedVectorPositivePercentMax" BETWEEN 0 AND 100);
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_trigger_known" CHECK ("trigger" IN
  ('vector_positive_above_expected', 'dominant_clone', 'clonal_expansion_or_oncogene_site', 'rcl_rcr_suspected_ae', 'suspected_related_ae', 'persistence_at_period_end'));
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_one_source" CHECK (num_nonnulls("sampleResultId", "adverseEventId") = 1);
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_status_known" CHECK ("status" IN ('open', 'resolved'));
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_resolution_complete"
  CHECK (("status" = 'open' AND "resolvedDate" IS NULL) OR ("status" = 'resolved' AND "resolvedDate" IS NOT NULL AND "note" IS NOT NULL AND "resolvedById" IS NOT NULL));
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_due_after_opened" CHECK ("dueDate" IS NULL OR "dueDate" >= "openedDate");
ALTER TABLE "escalation" ADD CONSTRAINT "escalation_version_positive" CHECK ("version" >= 1);
-- A record opens a trigger once; the period-end escalation is opened once per subject.
CREATE UNIQUE INDEX "escalation_once_per_record" ON "escalation" ("subjectId", "trigger", "sampleResultId", "adverseEventId") NULLS NOT DISTINCT;
CREATE UNIQUE INDEX "escalation_period_end_once" ON "escalation" ("subjectId") WHERE "trigger" = 'persistence_at_period_end';
-- An escalation is never deleted, and once resolved it stays as it was resolved (audit trail).
CREATE FUNCTION escalation_resolved_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'escalations are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  -- The tenancy columns may follow the subject to another site (the cascade above); nothing else.
  IF OLD."status" = 'resolved' AND (NEW."status", NEW."resolvedDate", NEW."note", NEW."resolvedById", NEW."trigger", NEW."action", NEW."citation", NEW."openedDate", NEW."dueDate", NEW."version", NEW."sampleResultId", NEW."adverseEventId")
      IS DISTINCT FROM (OLD."status", OLD."resolvedDate", OLD."note", OLD."resolvedById", OLD."trigger", OLD."action", OLD."citation", OLD."openedDate", OLD."dueDate", OLD."version", OLD."sampleResultId", OLD."adverseEventId") THEN
    RAISE EXCEPTION 'escalation % is resolved and cannot change', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "escalation_resolved_is_final" BEFORE UPDATE OR DELETE ON "escalation"
  FOR EACH ROW EXECUTE FUNCTION escalation_resolved_is_final();
