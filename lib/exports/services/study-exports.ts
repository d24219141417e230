import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { buildDsurReport, type DsurReport } from "@/lib/exports/dsur";
import { odmStream, type OdmSubjectBundle } from "@/lib/exports/odm";
import { listVisitRecordsOfSubjects, pageSubjects } from "@/lib/exports/services/clinical-rows";
import { keysetPages, PAGE_SIZE } from "@/lib/exports/services/keyset-pages";
import { resolveExportScope, type ExportScope } from "@/lib/exports/services/export-scope";
import { listAdverseEventsOfSubjects, listAdverseEventsWithOnset, listEscalationsOfSubjects, listSampleResultsOfSubjects } from "@/lib/exports/services/safety-rows";
import type { AdverseEventCategory, ExportAuditEntry, ExportPlanVersion, ExportSubject, ExportVoidedSignature, SignatureMeaning, TriggerIdText } from "@/lib/exports/types";
import { ZPlan } from "@/lib/validation/plan";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";

/** Subjects per ODM page: each page costs seven queries (records, AEs, samples, escalations, signatures, void audit rows, audit). */
const ODM_SUBJECTS_PER_PAGE = 50;

/** Plan versions that governed (active or superseded), with their visits, oldest first. */
async function listActivatedPlanVersions(db: Db, studyId: string): Promise<ExportPlanVersion[]> {
  const rows = await db.planVersion.findMany({
    where: { studyId, status: { in: ["ACTIVE", "SUPERSEDED"] }, effectiveDate: { not: null } },
    select: { id: true, version: true, effectiveDate: true, amendmentReason: true, plan: true },
    orderBy: { version: "asc" },
  });
  return rows.map((row) => {
    const plan = ZPlan.parse(row.plan);
    return { version: row.version, effectiveDate: calendarDateFromDb(row.effectiveDate!), amendmentReason: row.amendmentReason, durationMonths: plan.durationMonths, visits: plan.visits };
  });
}

type AuditRow = { id: bigint; occurredAt: Date; actorId: string | null; actorEmail: string; entity: string; entityId: string; action: string; reason: string | null };
const auditSelect = { id: true, occurredAt: true, actorId: true, actorEmail: true, entity: true, entityId: true, action: true, reason: true } as const;
const toAuditEntry = (row: AuditRow, siteId: string | null): ExportAuditEntry => ({
  id: String(row.id),
  occurredAt: row.occurredAt.toISOString(),
  actorId: row.actorId,
  actorEmail: row.actorEmail,
  siteId,
  entity: row.entity,
  entityId: row.entityId,
  action: row.action,
  reason: row.reason,
});

type SignatureRow = { id: string; visitRecordId: string; signerName: string; signerEmail: string; signedAt: Date; meaning: string; recordVersion: number; voidedAt: Date | null; voidedReason: string | null };
const signatureRowSelect = { id: true, visitRecordId: true, signerName: true, signerEmail: true, signedAt: true, meaning: true, recordVersion: true, voidedAt: true, voidedReason: true } as const;

/** Voided signatures as the ODM file writes them, with the audit row of each void (one query). */
async function toVoidedSignatures(db: Db, rows: SignatureRow[], subjectOfRecord: Map<string, { subjectId: string; siteId: string }>): Promise<ExportVoidedSignature[]> {
  const voided = rows.filter((row) => row.voidedAt !== null);
  if (voided.length === 0) return [];
  const voids = await db.auditLog.findMany({ where: { entity: "VisitSignature", action: "void", entityId: { in: voided.map((row) => row.id) } }, select: { id: true, entityId: true }, orderBy: { id: "asc" } });
  const voidAudit = new Map(voids.map((row) => [row.entityId, String(row.id)]));
  return voided.map((row) => {
    const owner = subjectOfRecord.get(row.visitRecordId)!;
    return {
      id: row.id,
      visitRecordId: row.visitRecordId,
      subjectId: owner.subjectId,
      siteId: owner.siteId,
      signerName: row.signerName,
      signerEmail: row.signerEmail,
      signedAt: row.signedAt.toISOString(),
      meaning: row.meaning as SignatureMeaning,
      recordVersion: row.recordVersion,
      voidedAt: row.voidedAt!.toISOString(),
      voidedReason: row.voidedReason,
      voidAuditId: voidAudit.get(row.id) ?? null,
    };
  });
}

/** One page of subjects with everything the ODM file says about them, in seven queries. */
async function loadSubjectBundles(db: Db, subjects: ExportSubject[]): Promise<{ bundles: OdmSubjectBundle[]; audit: ExportAuditEntry[] }> {
  const subjectIds = subjects.map((s) => s.id);
  const [visitRecords, adverseEvents, sampleResults, escalations] = await Promise.all([
    listVisitRecordsOfSubjects(db, subjectIds),
    listAdverseEventsOfSubjects(db, subjectIds),
    listSampleResultsOfSubjects(db, subjectIds),
    listEscalationsOfSubjects(db, subjectIds),
  ]);
  const signatures: SignatureRow[] = await db.visitSignature.findMany({ where: { visitRecordId: { in: visitRecords.map((r) => r.id) } }, select: signatureRowSelect });
  const siteOfSubject = new Map(subjects.map((s) => [s.id, s.siteId]));
  const ownerOfRecord = new Map(visitRecords.map((r) => [r.id, { subjectId: r.subjectId, siteId: siteOfSubject.get(r.subjectId)! }]));
  const voidedSignatures = await toVoidedSignatures(db, signatures, ownerOfRecord);
  // Every record id of the page → its subject, so each audit entry finds its subject and site.
  const subjectOf = new Map<string, string>(subjectIds.map((id) => [id, id]));
  for (const record of visitRecords) subjectOf.set(record.id, record.subjectId);
  for (const event of adverseEvents) subjectOf.set(event.id, event.subjectId);
  for (const result of sampleResults) subjectOf.set(result.id, result.subjectId);
  for (const escalation of escalations) subjectOf.set(escalation.id, escalation.subjectId);
  for (const signature of signatures) subjectOf.set(signature.id, ownerOfRecord.get(signature.visitRecordId)!.subjectId);
  const auditRows: AuditRow[] = await db.auditLog.findMany({ where: { entityId: { in: [...subjectOf.keys()] } }, select: auditSelect, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
  const audit = auditRows.map((row) => toAuditEntry(row, siteOfSubject.get(subjectOf.get(row.entityId)!) ?? null));
  const bundles = subjects.map((subject) => ({
    subject,
    visitRecords: visitRecords.filter((r) => r.subjectId === subject.id),
    adverseEvents: adverseEvents.filter((a) => a.subjectId === subject.id),
    sampleResults: sampleResults.filter((r) => r.subjectId === subject.id),
    escalations: escalations.filter((e) => e.subjectId === subject.id),
    voidedSignatures: voidedSignatures.filter((v) => v.subjectId === subject.id),
    auditEntries: audit.filter((entry) => subjectOf.get(entry.entityId) === subject.id),
  }));
  return { bundles, audit };
}

/** Every voided signature of the subjects in scope, a page at a time (keyset on id): ClinicalData/Signatures. */
async function* streamVoidedSignatures(db: Db, scope: ExportScope): AsyncGenerator<ExportVoidedSignature> {
  if (scope.siteIds.length === 0) return;
  type Row = SignatureRow & { visitRecord: { subjectId: string; subject: { siteId: string } } };
  const pages = keysetPages("id", (after): Promise<Row[]> =>
    db.visitSignature.findMany({
      where: { voidedAt: { not: null }, visitRecord: { subject: { studyId: scope.study.id, siteId: { in: scope.siteIds } } }, ...after },
      select: { ...signatureRowSelect, visitRecord: { select: { subjectId: true, subject: { select: { siteId: true } } } } },
      orderBy: { id: "asc" },
      take: PAGE_SIZE,
    }),
  );
  for await (const rows of pages) {
    const owners = new Map(rows.map((row) => [row.visitRecordId, { subjectId: row.visitRecord.subjectId, siteId: row.visitRecord.subject.siteId }]));
    yield* await toVoidedSignatures(db, rows, owners);
  }
}

/**
 * The study's ODM 1.3.2 file for the caller, streamed. Two passes over the subjects in scope:
 * the first writes SubjectData, the second the audit trail after them (ODM puts ClinicalData's
 * AuditRecords after every SubjectData), then one pass over the voided signatures in scope
 * (ClinicalData/Signatures comes last); no pass holds more than a page.
 */
export async function exportStudyOdm(db: Db, options: { actor: Actor; studyId: string; generatedAt: string }): Promise<{ scope: ExportScope; stream: ReadableStream<Uint8Array> }> {
  const scope = await resolveExportScope(db, options);
  const [planVersions, users, configIds] = await Promise.all([
    listActivatedPlanVersions(db, scope.study.id),
    db.user.findMany({ where: { organizationId: scope.organizationId }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" } }),
    db.study.findUniqueOrThrow({ where: { id: scope.study.id }, select: { planVersions: { select: { id: true } }, consentVersions: { select: { id: true } } } }),
  ]);

  async function* subjects(): AsyncGenerator<OdmSubjectBundle> {
    for await (const page of pageSubjects(db, scope, ODM_SUBJECTS_PER_PAGE)) yield* (await loadSubjectBundles(db, page)).bundles;
  }
  async function* auditTrail(): AsyncGenerator<ExportAuditEntry> {
    // The study's configuration (study, plan and consent versions: amendments with their reasons), then each page's records.
    const studyEntityIds = [scope.study.id, ...configIds.planVersions.map((p) => p.id), ...configIds.consentVersions.map((c) => c.id)];
    const studyRows: AuditRow[] = await db.auditLog.findMany({ where: { entityId: { in: studyEntityIds }, entity: { in: ["Study", "PlanVersion", "ConsentVersion"] } }, select: auditSelect, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
    for (const row of studyRows) yield toAuditEntry(row, null);
    for await (const page of pageSubjects(db, scope, ODM_SUBJECTS_PER_PAGE)) yield* (await loadSubjectBundles(db, page)).audit;
  }

  const stream = odmStream({
    study: scope.study,
    sites: scope.sites,
    users,
    planVersions,
    generatedAt: options.generatedAt,
    fileOid: `ODM.${scope.study.id}.${options.generatedAt.replace(/[^0-9TZ]/g, "")}`,
    subjects: subjects(),
    auditTrail: auditTrail(),
    voidedSignatures: streamVoidedSignatures(db, scope),
  });
  return { scope, stream };
}

/**
 * The DSUR's LTFU section for the period, over the subjects in the caller's scope. The counts,
 * period and cumulative, come from rows grouped in SQL by the fields they count (one row per
 * date and status, not per record), so the report costs the same few queries at 100,000 subjects.
 */
export async function buildStudyDsur(db: Db, options: { actor: Actor; studyId: string; from: string; to: string }): Promise<DsurReport> {
  const scope = await resolveExportScope(db, options);
  const period = { from: calendarDateToDb(options.from), to: calendarDateToDb(options.to) };
  const inScope = { studyId: scope.study.id, siteId: { in: scope.siteIds } };
  const [subjects, visitRecords, overdue, adverseEvents, malignancies, escalations, planVersions, consentVersions] = await Promise.all([
    db.subject.groupBy({ by: ["dosingDate", "status", "statusDate"], where: { ...inScope, dosingDate: { lte: period.to } }, _count: { _all: true } }),
    db.visitRecord.groupBy({ by: ["status", "date", "unscheduled"], where: { subject: inScope, date: { lte: period.to } }, _count: { _all: true } }),
    scope.siteIds.length === 0
      ? Promise.resolve([{ count: 0n }])
      : db.$queryRaw<{ count: bigint }[]>`
          SELECT count(*) AS "count"
          FROM "scheduled_visit" sv
          JOIN "subject" s ON s."id" = sv."subjectId"
          LEFT JOIN "visit_record" vr ON vr."subjectId" = sv."subjectId" AND vr."visitId" = sv."visitId" AND vr."planVersion" IS NOT DISTINCT FROM sv."planVersion"
          WHERE s."studyId" = ${scope.study.id} AND s."siteId" = ANY(${scope.siteIds}) AND sv."windowEnd" < ${options.to}::date
            AND ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", vr."status", s."status", s."statusDate", ${options.to}::date) = 'overdue'`,
    db.adverseEvent.groupBy({ by: ["category", "serious", "onsetDate"], where: { ...inScope, onsetDate: { lte: period.to } }, _count: { _all: true } }),
    listAdverseEventsWithOnset(db, scope, period, { category: "malignancy" }),
    db.escalation.groupBy({ by: ["trigger", "openedDate"], where: { ...inScope, openedDate: { lte: period.to } }, _count: { _all: true } }),
    db.planVersion.findMany({ where: { studyId: scope.study.id, status: { in: ["ACTIVE", "SUPERSEDED"] }, effectiveDate: { not: null } }, select: { version: true, effectiveDate: true, amendmentReason: true } }),
    db.consentVersion.findMany({ where: { studyId: scope.study.id, status: { in: ["ACTIVE", "SUPERSEDED"] }, effectiveDate: { not: null } }, select: { version: true, effectiveDate: true, title: true } }),
  ]);
  return buildDsurReport({
    study: scope.study,
    period: { from: options.from, to: options.to },
    subjects: subjects.map((s) => ({ dosingDate: calendarDateFromDb(s.dosingDate), status: s.status as "active", statusDate: s.statusDate ? calendarDateFromDb(s.statusDate) : null, count: s._count._all })),
    visitRecords: visitRecords.map((r) => ({ status: r.status as "completed" | "missed", date: calendarDateFromDb(r.date), unscheduled: r.unscheduled, count: r._count._all })),
    overdueVisitsAtEnd: Number(overdue[0]?.count ?? 0),
    adverseEvents: adverseEvents.map((a) => ({ category: a.category as AdverseEventCategory, serious: a.serious, onsetDate: calendarDateFromDb(a.onsetDate), count: a._count._all })),
    malignancies,
    escalations: escalations.map((e) => ({ trigger: e.trigger as TriggerIdText, openedDate: calendarDateFromDb(e.openedDate), count: e._count._all })),
    planVersions: planVersions.map((p) => ({ version: p.version, effectiveDate: calendarDateFromDb(p.effectiveDate!), amendmentReason: p.amendmentReason })),
    consentVersions: consentVersions.map((c) => ({ version: c.version, effectiveDate: calendarDateFromDb(c.effectiveDate!), title: c.title })),
  });
}
