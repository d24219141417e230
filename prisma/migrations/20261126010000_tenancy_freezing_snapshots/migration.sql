-- Records that cannot move (issue #10): tenancy in the schema, versions frozen by the database,
-- derivation snapshots, justifications keyed by what survives a rules change, memberships
-- that end instead of disappearing, and an audit trail with request metadata and indexes that
-- match its queries. Existing rows are carried over (tests/integration/migration-*.integration.test.ts
-- applies this to the demo database of the previous release).

-- ── Memberships and site assignments: history instead of ON DELETE CASCADE ─────────────────
ALTER TABLE "user_site" DROP CONSTRAINT "user_site_userId_fkey";
ALTER TABLE "api_token" DROP CONSTRAINT "api_token_userId_fkey";
ALTER TABLE "study_site" DROP CONSTRAINT "study_site_studyId_fkey";
ALTER TABLE "study_member" DROP CONSTRAINT "study_member_studyId_fkey";

ALTER TABLE "user_site" DROP CONSTRAINT "user_site_pkey",
ADD COLUMN "id" BIGSERIAL NOT NULL,
ADD COLUMN "organizationId" TEXT,
ADD COLUMN "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "endedAt" TIMESTAMPTZ(3),
ADD CONSTRAINT "user_site_pkey" PRIMARY KEY ("id");
UPDATE "user_site" us SET "organizationId" = u."organizationId" FROM "app_user" u WHERE u."id" = us."userId";
ALTER TABLE "user_site" ALTER COLUMN "organizationId" SET NOT NULL;

ALTER TABLE "study_member" DROP CONSTRAINT "study_member_pkey",
ADD COLUMN "id" BIGSERIAL NOT NULL,
ADD COLUMN "organizationId" TEXT,
ADD COLUMN "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "endedAt" TIMESTAMPTZ(3),
ADD CONSTRAINT "study_member_pkey" PRIMARY KEY ("id");
UPDATE "study_member" sm SET "organizationId" = s."organizationId" FROM "study" s WHERE s."id" = sm."studyId";
ALTER TABLE "study_member" ALTER COLUMN "organizationId" SET NOT NULL;

ALTER TABLE "study_site"
ADD COLUMN "organizationId" TEXT,
ADD COLUMN "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "endedAt" TIMESTAMPTZ(3);
UPDATE "study_site" ss SET "organizationId" = s."organizationId" FROM "study" s WHERE s."id" = ss."studyId";
ALTER TABLE "study_site" ALTER COLUMN "organizationId" SET NOT NULL;

-- Existing assignments started when their user or study was created (the best date known).
UPDATE "user_site" us SET "startedAt" = u."createdAt" FROM "app_user" u WHERE u."id" = us."userId";
UPDATE "study_member" sm SET "startedAt" = s."createdAt" FROM "study" s WHERE s."id" = sm."studyId";
UPDATE "study_site" ss SET "startedAt" = s."createdAt" FROM "study" s WHERE s."id" = ss."studyId";

CREATE INDEX "user_site_userId_idx" ON "user_site"("userId");
CREATE INDEX "study_member_studyId_idx" ON "study_member"("studyId");
CREATE UNIQUE INDEX "user_site_one_open_per_user_site" ON "user_site" ("userId", "siteId") WHERE "endedAt" IS NULL;
CREATE UNIQUE INDEX "study_member_one_open_per_study_user" ON "study_member" ("studyId", "userId") WHERE "endedAt" IS NULL;
ALTER TABLE "user_site" ADD CONSTRAINT "user_site_period" CHECK ("endedAt" IS NULL OR "endedAt" >= "startedAt");
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_period" CHECK ("endedAt" IS NULL OR "endedAt" >= "startedAt");
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_period" CHECK ("endedAt" IS NULL OR "endedAt" >= "startedAt");

ALTER TABLE "user_site" ADD CONSTRAINT "user_site_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Who could see what, when, stays answerable: these rows end, they are never deleted.
CREATE FUNCTION "history_refuse_delete"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are history: end them (endedAt) instead of deleting them', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "user_site_no_delete" BEFORE DELETE ON "user_site" FOR EACH ROW EXECUTE FUNCTION "history_refuse_delete"();
CREATE TRIGGER "study_member_no_delete" BEFORE DELETE ON "study_member" FOR EACH ROW EXECUTE FUNCTION "history_refuse_delete"();
CREATE TRIGGER "study_site_no_delete" BEFORE DELETE ON "study_site" FOR EACH ROW EXECUTE FUNCTION "history_refuse_delete"();

-- ── Tenancy: organisation on every configuration row, composite foreign keys ─────────────────
CREATE UNIQUE INDEX "site_id_organizationId_key" ON "site"("id", "organizationId");
CREATE UNIQUE INDEX "app_user_id_organizationId_key" ON "app_user"("id", "organizationId");
CREATE UNIQUE INDEX "product_id_organizationId_key" ON "product"("id", "organizationId");
CREATE UNIQUE INDEX "study_id_organizationId_key" ON "study"("id", "organizationId");
CREATE UNIQUE INDEX "study_id_organizationId_productId_key" ON "study"("id", "organizationId", "productId");

ALTER TABLE "risk_profile_version" ADD COLUMN "organizationId" TEXT, ADD COLUMN "engineVersion" TEXT, ADD COLUMN "explanation" JSONB;
UPDATE "risk_profile_version" r SET "organizationId" = p."organizationId" FROM "product" p WHERE p."id" = r."productId";
-- Engine version 1 is the engine as it was before versions were recorded (lib/rules/engine.ts).
UPDATE "risk_profile_version" SET "engineVersion" = '1';
ALTER TABLE "risk_profile_version" ALTER COLUMN "organizationId" SET NOT NULL, ALTER COLUMN "engineVersion" SET NOT NULL;

ALTER TABLE "consent_version" ADD COLUMN "organizationId" TEXT;
UPDATE "consent_version" c SET "organizationId" = s."organizationId" FROM "study" s WHERE s."id" = c."studyId";
ALTER TABLE "consent_version" ALTER COLUMN "organizationId" SET NOT NULL;

ALTER TABLE "plan_version" ADD COLUMN "organizationId" TEXT, ADD COLUMN "productId" TEXT, ADD COLUMN "derivation" JSONB, ADD COLUMN "ruleSet" TEXT, ADD COLUMN "engineVersion" TEXT;
UPDATE "plan_version" pv SET "organizationId" = s."organizationId", "productId" = s."productId" FROM "study" s WHERE s."id" = pv."studyId";
ALTER TABLE "plan_version" ALTER COLUMN "organizationId" SET NOT NULL, ALTER COLUMN "productId" SET NOT NULL;

-- Activated versions get the derivation they were validated against. A version activated
-- before the profile version was recorded answered to the profile version current at its
-- activation (the latest created no later than activatedAt; the first one otherwise).
UPDATE "plan_version" pv SET "riskProfileVersion" = COALESCE(
    (SELECT max(r."version") FROM "risk_profile_version" r WHERE r."productId" = pv."productId" AND r."createdAt" <= pv."activatedAt"),
    (SELECT min(r."version") FROM "risk_profile_version" r WHERE r."productId" = pv."productId"))
  WHERE pv."status" <> 'DRAFT' AND pv."riskProfileVersion" IS NULL;
UPDATE "plan_version" pv SET "derivation" = r."derivation", "ruleSet" = r."ruleSet", "engineVersion" = r."engineVersion"
  FROM "risk_profile_version" r
  WHERE pv."status" <> 'DRAFT' AND r."productId" = pv."productId" AND r."version" = pv."riskProfileVersion";
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_activation_snapshot"
  CHECK ("status" = 'DRAFT' OR ("derivation" IS NOT NULL AND "ruleSet" IS NOT NULL AND "engineVersion" IS NOT NULL AND "riskProfileVersion" IS NOT NULL));
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_superseded_at" CHECK ("status" <> 'SUPERSEDED' OR "supersededAt" IS NOT NULL);
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_superseded_at" CHECK ("status" <> 'SUPERSEDED' OR "supersededAt" IS NOT NULL);

-- Justifications keyed by what survives a rules change: "coverage_gap:<kind>:<from>-<to>" (months
-- computed by the engine) becomes "coverage_gap:<kind>:<period>", the period of the CDE-2021
-- rule (clinical visits early, contacts late, integration monitoring early from month 0 and late
-- after, every other kind the whole period). Two old keys meeting one new key keep both texts.
UPDATE "plan_version" pv SET "justifications" = migrated."justifications"
FROM (
  SELECT k."id", jsonb_object_agg(k."newKey", k."text") AS "justifications"
  FROM (
    SELECT e."id", e."newKey", string_agg(e."value", E'\n\n' ORDER BY e."key") AS "text"
    FROM (
      SELECT p."id", j."key", j."value",
        CASE WHEN j."key" ~ '^coverage_gap:[a-z_]+:[0-9]+-[0-9]+$' THEN
          'coverage_gap:' || split_part(j."key", ':', 2) || ':' ||
          CASE split_part(j."key", ':', 2)
            WHEN 'clinical_visit' THEN 'early'
            WHEN 'remote_contact' THEN 'late'
            WHEN 'integration_monitoring' THEN CASE WHEN split_part(split_part(j."key", ':', 3), '-', 1) = '0' THEN 'early' ELSE 'late' END
            ELSE 'whole'
          END
        ELSE j."key" END AS "newKey"
      FROM "plan_version" p, jsonb_each_text(p."justifications") j
    ) e
    GROUP BY e."id", e."newKey"
  ) k
  GROUP BY k."id"
) migrated
WHERE migrated."id" = pv."id" AND migrated."justifications" IS DISTINCT FROM pv."justifications";

ALTER TABLE "study" ADD CONSTRAINT "study_product_same_organization" FOREIGN KEY ("productId", "organizationId") REFERENCES "product"("id", "organizationId");
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_study_same_organization" FOREIGN KEY ("studyId", "organizationId") REFERENCES "study"("id", "organizationId");
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_site_same_organization" FOREIGN KEY ("siteId", "organizationId") REFERENCES "site"("id", "organizationId");
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_study_same_organization" FOREIGN KEY ("studyId", "organizationId") REFERENCES "study"("id", "organizationId");
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_user_same_organization" FOREIGN KEY ("userId", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "user_site" ADD CONSTRAINT "user_site_user_same_organization" FOREIGN KEY ("userId", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "user_site" ADD CONSTRAINT "user_site_site_same_organization" FOREIGN KEY ("siteId", "organizationId") REFERENCES "site"("id", "organizationId");
ALTER TABLE "risk_profile_version" ADD CONSTRAINT "risk_profile_version_product_same_organization" FOREIGN KEY ("productId", "organizationId") REFERENCES "product"("id", "organizationId");
ALTER TABLE "risk_profile_version" ADD CONSTRAINT "risk_profile_version_created_by" FOREIGN KEY ("createdById", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_study_same_organization" FOREIGN KEY ("studyId", "organizationId", "productId") REFERENCES "study"("id", "organizationId", "productId");
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_risk_profile_version" FOREIGN KEY ("productId", "riskProfileVersion") REFERENCES "risk_profile_version"("productId", "version");
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_created_by" FOREIGN KEY ("createdById", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_activated_by" FOREIGN KEY ("activatedById", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_study_same_organization" FOREIGN KEY ("studyId", "organizationId") REFERENCES "study"("id", "organizationId");
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_created_by" FOREIGN KEY ("createdById", "organizationId") REFERENCES "app_user"("id", "organizationId");
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_activated_by" FOREIGN KEY ("activatedById", "organizationId") REFERENCES "app_user"("id", "organizationId");
CREATE INDEX "plan_version_productId_riskProfileVersion_idx" ON "plan_version"("productId", "riskProfileVersion");

-- ── Frozen versions: the database refuses to rewrite what was activated ────────────────────
-- A plan or consent version leaves DRAFT once (activation, any change allowed with it); after
-- that the only change is ACTIVE → SUPERSEDED with its supersededAt (and Prisma's updatedAt).
-- Nothing out of DRAFT is deleted. The same pattern will freeze signed visit records.
CREATE FUNCTION "version_refuse_frozen_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION '% % is % and frozen: it cannot be deleted', TG_TABLE_NAME, OLD."id", OLD."status";
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'DRAFT' THEN
    RETURN NEW;
  END IF;
  IF OLD."status" = 'ACTIVE' AND NEW."status" = 'SUPERSEDED'
     AND (to_jsonb(NEW) - 'status' - 'supersededAt' - 'updatedAt') = (to_jsonb(OLD) - 'status' - 'supersededAt' - 'updatedAt') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% % is % and frozen: only ACTIVE -> SUPERSEDED may change it; create a new version', TG_TABLE_NAME, OLD."id", OLD."status";
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "plan_version_frozen" BEFORE UPDATE OR DELETE ON "plan_version" FOR EACH ROW EXECUTE FUNCTION "version_refuse_frozen_change"();
CREATE TRIGGER "consent_version_frozen" BEFORE UPDATE OR DELETE ON "consent_version" FOR EACH ROW EXECUTE FUNCTION "version_refuse_frozen_change"();

-- A risk profile version is never a draft: it is frozen from the moment it is written.
CREATE FUNCTION "risk_profile_version_refuse_change"() RETURNS trigger AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    RAISE EXCEPTION 'risk_profile_version is frozen: a change is a new version';
  END IF;
  RAISE EXCEPTION 'risk_profile_version % is frozen: a change is a new version', OLD."id";
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "risk_profile_version_frozen" BEFORE UPDATE OR DELETE ON "risk_profile_version" FOR EACH ROW EXECUTE FUNCTION "risk_profile_version_refuse_change"();
CREATE TRIGGER "risk_profile_version_no_truncate" BEFORE TRUNCATE ON "risk_profile_version" FOR EACH STATEMENT EXECUTE FUNCTION "risk_profile_version_refuse_change"();

-- ── Audit trail: request metadata, diffs, indexes that match the queries (ORDER BY id) ─────
DROP INDEX "audit_log_entity_entityId_idx";
DROP INDEX "audit_log_organizationId_occurredAt_idx";
ALTER TABLE "audit_log" ADD COLUMN "changes" JSONB,
ADD COLUMN "requestIp" TEXT,
ADD COLUMN "userAgent" TEXT,
ADD COLUMN "requestId" TEXT,
ADD COLUMN "authMethod" TEXT;
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_auth_method" CHECK ("authMethod" IS NULL OR "authMethod" IN ('session', 'token', 'command'));
CREATE INDEX "audit_log_entity_entityId_id_idx" ON "audit_log"("entity", "entityId", "id");
CREATE INDEX "audit_log_organizationId_id_idx" ON "audit_log"("organizationId", "id");
