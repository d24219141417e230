-- CreateTable
CREATE TABLE "query" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "raisedById" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "query_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "query_message" (
    "id" TEXT NOT NULL,
    "queryId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "authorRole" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "query_studyId_status_idx" ON "query"("studyId", "status");

-- CreateIndex
CREATE INDEX "query_subjectId_status_idx" ON "query"("subjectId", "status");

-- CreateIndex
CREATE INDEX "query_siteId_status_idx" ON "query"("siteId", "status");

-- CreateIndex
CREATE INDEX "query_message_queryId_createdAt_idx" ON "query_message"("queryId", "createdAt");

-- AddForeignKey
ALTER TABLE "query_message" ADD CONSTRAINT "query_message_queryId_fkey" FOREIGN KEY ("queryId") REFERENCES "query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Integrity rules Prisma's schema language cannot express -----------------------------
ALTER TABLE "query" ADD CONSTRAINT "query_target_type_check" CHECK ("targetType" IN ('subject', 'visit', 'adverse_event', 'sample_result'));
ALTER TABLE "query" ADD CONSTRAINT "query_status_check" CHECK ("status" IN ('open', 'answered', 'closed'));
ALTER TABLE "query_message" ADD CONSTRAINT "query_message_kind_check" CHECK ("kind" IN ('raise', 'answer', 'close', 'reopen'));

-- Tenancy: a query's organisation, study and site are its subject's, and its messages' are the
-- query's, always; both follow a subject moved to another site (ON UPDATE CASCADE).
ALTER TABLE "query" ADD CONSTRAINT "query_subject_fkey" FOREIGN KEY ("subjectId", "organizationId", "studyId", "siteId")
  REFERENCES "subject" ("id", "organizationId", "studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE UNIQUE INDEX "query_tenancy_key" ON "query" ("id", "organizationId", "studyId", "siteId");
ALTER TABLE "query_message" ADD CONSTRAINT "query_message_query_tenancy_fkey" FOREIGN KEY ("queryId", "organizationId", "studyId", "siteId")
  REFERENCES "query" ("id", "organizationId", "studyId", "siteId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A query is never deleted; a message is never deleted nor rewritten (only its tenancy follows
-- the subject's site through the cascade above).
CREATE FUNCTION query_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'queries are never deleted' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "query_never_deleted" BEFORE DELETE ON "query" FOR EACH ROW EXECUTE FUNCTION query_never_deleted();

CREATE FUNCTION query_message_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'query messages are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW."id", NEW."queryId", NEW."kind", NEW."text", NEW."authorId", NEW."authorName", NEW."authorRole", NEW."createdAt")
     IS DISTINCT FROM (OLD."id", OLD."queryId", OLD."kind", OLD."text", OLD."authorId", OLD."authorName", OLD."authorRole", OLD."createdAt") THEN
    RAISE EXCEPTION 'query messages are never rewritten' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "query_message_append_only" BEFORE UPDATE OR DELETE ON "query_message" FOR EACH ROW EXECUTE FUNCTION query_message_append_only();
