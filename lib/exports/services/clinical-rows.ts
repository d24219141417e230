import "server-only";
import type { Db } from "@/lib/db/client";
import type { ExportScope } from "@/lib/exports/services/export-scope";
import { keysetPages, PAGE_SIZE } from "@/lib/exports/services/keyset-pages";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { reconsentDue } from "@/lib/subjects/reconsent";
import { todayCalendarDate } from "@/lib/subjects/today";
import type { ExportSignature, ExportSubject, ExportVisitRecord, SignatureMeaning, Sex, SubjectStatus, VisitAssessments } from "@/lib/exports/types";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

const dateOrNull = (value: Date | null) => (value ? calendarDateFromDb(value) : null);

/** The study's active consent version (re-consent is due below it), or null. */
async function getActiveConsentVersion(db: Db, studyId: string): Promise<number | null> {
  const active = await db.consentVersion.findFirst({ where: { studyId, status: "ACTIVE" }, select: { version: true } });
  return active?.version ?? null;
}

const subjectSelect = {
  id: true,
  studyId: true,
  siteId: true,
  code: true,
  yearOfBirth: true,
  sex: true,
  dosingDate: true,
  lot: true,
  status: true,
  statusDate: true,
  consentVersion: true,
  consentDate: true,
  version: true,
  site: { select: { code: true } },
} as const;

type SubjectRow = { id: string; studyId: string; siteId: string; code: string; yearOfBirth: number; sex: string; dosingDate: Date; lot: string; status: string; statusDate: Date | null; consentVersion: number; consentDate: Date; version: number; site: { code: string } };

function toExportSubject(row: SubjectRow, activeConsentVersion: number | null, extension: ExportSubject["extension"]): ExportSubject {
  return {
    id: row.id,
    studyId: row.studyId,
    siteId: row.siteId,
    siteCode: row.site.code,
    code: row.code,
    yearOfBirth: row.yearOfBirth,
    sex: row.sex as Sex,
    dosingDate: calendarDateFromDb(row.dosingDate),
    lot: row.lot,
    status: row.status as SubjectStatus,
    statusDate: dateOrNull(row.statusDate),
    consentVersion: row.consentVersion,
    consentDate: calendarDateFromDb(row.consentDate),
    reconsentDue: reconsentDue(row, activeConsentVersion),
    extension,
    version: row.version,
  };
}

/**
 * Pages of subjects in scope, ordered by code: the unit the ODM export works in. `extension` is
 * computed by the safety rules from the data at `asOf` (today by default), as the subject resource shows it.
 */
export async function* pageSubjects(db: Db, scope: ExportScope, pageSize = PAGE_SIZE, asOf = todayCalendarDate()): AsyncGenerator<ExportSubject[]> {
  if (scope.siteIds.length === 0) return;
  const activeConsentVersion = await getActiveConsentVersion(db, scope.study.id);
  const pages = keysetPages("code", (after): Promise<SubjectRow[]> => db.subject.findMany({ where: { studyId: scope.study.id, siteId: { in: scope.siteIds }, ...after }, select: subjectSelect, orderBy: { code: "asc" }, take: pageSize }), pageSize);
  for await (const rows of pages) {
    const extensions = await listSubjectExtensions(db, rows, asOf);
    yield rows.map((row) => toExportSubject(row, activeConsentVersion, extensions.get(row.id) ?? { active: false, since: null }));
  }
}

export async function* streamSubjects(db: Db, scope: ExportScope): AsyncGenerator<ExportSubject> {
  for await (const page of pageSubjects(db, scope)) yield* page;
}

const signatureValid = (signature: { recordVersion: number; voidedAt: Date | null }, recordVersion: number) => signature.voidedAt === null && signature.recordVersion === recordVersion;

type VisitRow = {
  id: string;
  subjectId: string;
  visitId: string;
  planVersion: number | null;
  unscheduled: boolean;
  status: string;
  date: Date;
  contactMode: string | null;
  assessments: unknown;
  reason: string | null;
  version: number;
  subject: { code: string; site: { code: string } };
  signatures: { signerName: string; signerEmail: string; signedAt: Date; meaning: string; recordVersion: number; voidedAt: Date | null }[];
};

const visitSelect = {
  id: true,
  subjectId: true,
  visitId: true,
  planVersion: true,
  unscheduled: true,
  status: true,
  date: true,
  contactMode: true,
  assessments: true,
  reason: true,
  version: true,
  subject: { select: { code: true, site: { select: { code: true } } } },
  // The latest signature: valid while it signed the current version and is not voided.
  signatures: { select: { signerName: true, signerEmail: true, signedAt: true, meaning: true, recordVersion: true, voidedAt: true }, orderBy: { signedAt: "desc" }, take: 1 },
} as const;

function toAssessments(value: unknown): VisitAssessments | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const source = value as Record<string, unknown>;
  const text = (key: string) => (typeof source[key] === "string" ? (source[key] as string) : undefined);
  const flag = (key: string) => (typeof source[key] === "boolean" ? (source[key] as boolean) : undefined);
  const list = source.newOrWorsenedDisease;
  // Entries are { category, description?, onsetDate? } (lib/validation/visit.ts): one text each.
  const describe = (entry: unknown) => {
    if (typeof entry !== "object" || entry === null) return String(entry);
    const { category, description, onsetDate } = entry as { category?: unknown; description?: unknown; onsetDate?: unknown };
    return `${String(category)}${typeof description === "string" && description ? `: ${description}` : ""}${typeof onsetDate === "string" ? ` (onset ${onsetDate})` : ""}`;
  };
  return {
    history: flag("history"),
    drugExposure: text("drugExposure"),
    newOrWorsenedDisease: Array.isArray(list) ? list.map(describe) : undefined,
    physicalExam: flag("physicalExam"),
    labs: flag("labs"),
    pregnancy: text("pregnancy"),
  };
}

function toExportVisit(row: VisitRow): ExportVisitRecord {
  const latest = row.signatures[0];
  const signature: ExportSignature | null = latest
    ? { signerName: latest.signerName, signerEmail: latest.signerEmail, signedAt: latest.signedAt.toISOString(), meaning: latest.meaning as SignatureMeaning, valid: signatureValid(latest, row.version) }
    : null;
  return {
    id: row.id,
    subjectId: row.subjectId,
    subjectCode: row.subject.code,
    siteCode: row.subject.site.code,
    visitId: row.visitId,
    planVersion: row.planVersion,
    unscheduled: row.unscheduled,
    status: row.status as ExportVisitRecord["status"],
    date: calendarDateFromDb(row.date),
    contactMode: row.contactMode,
    assessments: toAssessments(row.assessments),
    reason: row.reason,
    version: row.version,
    signature,
  };
}

/** Visit records of some subjects (one query), ordered by subject, date, visit. */
export async function listVisitRecordsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportVisitRecord[]> {
  if (subjectIds.length === 0) return [];
  const rows: VisitRow[] = await db.visitRecord.findMany({ where: { subjectId: { in: subjectIds } }, select: visitSelect, orderBy: [{ subjectId: "asc" }, { date: "asc" }, { visitId: "asc" }] });
  return rows.map(toExportVisit);
}

/** Every visit record in scope, read a page at a time (keyset on id, so in creation order). */
export async function* streamVisitRecords(db: Db, scope: ExportScope): AsyncGenerator<ExportVisitRecord> {
  if (scope.siteIds.length === 0) return;
  const pages = keysetPages("id", (after): Promise<VisitRow[]> => db.visitRecord.findMany({ where: { subject: { studyId: scope.study.id, siteId: { in: scope.siteIds } }, ...after }, select: visitSelect, orderBy: { id: "asc" }, take: PAGE_SIZE }));
  for await (const rows of pages) for (const row of rows) yield toExportVisit(row);
}
