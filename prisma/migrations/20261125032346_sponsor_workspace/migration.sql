-- CreateEnum
CREATE TYPE "VersionStatus" AS ENUM ('DRAFT', 'ACTIVE', 'SUPERSEDED');

-- CreateTable
CREATE TABLE "product" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "modality" TEXT NOT NULL,
    "currentProfileVersion" INTEGER NOT NULL DEFAULT 1,
    "noLtfuJustification" TEXT,
    "regulatorCommunication" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_profile_version" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "profile" JSONB NOT NULL,
    "factors" JSONB NOT NULL,
    "derivation" JSONB NOT NULL,
    "ruleSet" TEXT NOT NULL,
    "reason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_profile_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "study" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "protocolNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "ruleSet" TEXT NOT NULL DEFAULT 'CDE-2021',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "study_site" (
    "studyId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,

    CONSTRAINT "study_site_pkey" PRIMARY KEY ("studyId","siteId")
);

-- CreateTable
CREATE TABLE "study_member" (
    "studyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "study_member_pkey" PRIMARY KEY ("studyId","userId")
);

-- CreateTable
CREATE TABLE "plan_version" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "VersionStatus" NOT NULL DEFAULT 'DRAFT',
    "plan" JSONB NOT NULL,
    "justifications" JSONB NOT NULL DEFAULT '{}',
    "riskProfileVersion" INTEGER,
    "durationOverrideJustification" TEXT,
    "effectiveDate" DATE,
    "amendmentReason" TEXT,
    "activatedAt" TIMESTAMPTZ(3),
    "activatedById" TEXT,
    "supersededAt" TIMESTAMPTZ(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_version" (
    "id" TEXT NOT NULL,
    "studyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "VersionStatus" NOT NULL DEFAULT 'DRAFT',
    "title" TEXT NOT NULL,
    "documentRef" TEXT,
    "checklist" JSONB NOT NULL DEFAULT '{}',
    "effectiveDate" DATE,
    "activatedAt" TIMESTAMPTZ(3),
    "activatedById" TEXT,
    "supersededAt" TIMESTAMPTZ(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "consent_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_organizationId_code_key" ON "product"("organizationId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "risk_profile_version_productId_version_key" ON "risk_profile_version"("productId", "version");

-- CreateIndex
CREATE INDEX "study_productId_idx" ON "study"("productId");

-- CreateIndex
CREATE UNIQUE INDEX "study_organizationId_protocolNumber_key" ON "study"("organizationId", "protocolNumber");

-- CreateIndex
CREATE INDEX "study_site_siteId_idx" ON "study_site"("siteId");

-- CreateIndex
CREATE INDEX "study_member_userId_idx" ON "study_member"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "plan_version_studyId_version_key" ON "plan_version"("studyId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "consent_version_studyId_version_key" ON "consent_version"("studyId", "version");

-- AddForeignKey
ALTER TABLE "product" ADD CONSTRAINT "product_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_profile_version" ADD CONSTRAINT "risk_profile_version_productId_fkey" FOREIGN KEY ("productId") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study" ADD CONSTRAINT "study_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study" ADD CONSTRAINT "study_productId_fkey" FOREIGN KEY ("productId") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_site" ADD CONSTRAINT "study_site_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "study_member" ADD CONSTRAINT "study_member_userId_fkey" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_studyId_fkey" FOREIGN KEY ("studyId") REFERENCES "study"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Integrity rules Prisma's schema language cannot express -----------------------------

-- At most one active plan version and one active consent version per study.
CREATE UNIQUE INDEX "plan_version_one_active_per_study" ON "plan_version" ("studyId") WHERE "status" = 'ACTIVE';
CREATE UNIQUE INDEX "consent_version_one_active_per_study" ON "consent_version" ("studyId") WHERE "status" = 'ACTIVE';

ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_positive" CHECK ("version" >= 1);
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_positive" CHECK ("version" >= 1);
ALTER TABLE "risk_profile_version" ADD CONSTRAINT "risk_profile_version_positive" CHECK ("version" >= 1);
-- An active or superseded plan version was activated by someone, at a time, from a date.
ALTER TABLE "plan_version" ADD CONSTRAINT "plan_version_activation_recorded"
  CHECK ("status" = 'DRAFT' OR ("activatedAt" IS NOT NULL AND "activatedById" IS NOT NULL AND "effectiveDate" IS NOT NULL));
ALTER TABLE "consent_version" ADD CONSTRAINT "consent_version_activation_recorded"
  CHECK ("status" = 'DRAFT' OR ("activatedAt" IS NOT NULL AND "activatedById" IS NOT NULL));
