import { z } from "zod";
import type { SubjectRow, VisitRecordRow } from "@/lib/db/subjects";
import { VISIT_STATUSES } from "@/lib/schedule/visit-status";
import { isReconsentDue } from "@/lib/subjects/reconsent";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { MAX_PATH_INT } from "@/lib/validation/path-params";
import { ZChangeSubjectStatusFields, refineSubjectStatus, ZEnrolSubject, ZRecordConsent } from "@/lib/validation/subject";
import { refineRecordVisit, ZRecordVisitFields, ZSignVisit, ZUpdateVisit } from "@/lib/validation/visit";

/**
 * API bodies: the UI schemas without the ids that the URL carries. Forms send numbers as the
 * text they typed (the shared schemas coerce it); a JSON body carries real numbers, so here a
 * version or a year is a JSON integer, never `"1"` or `true` (which coercion would accept).
 */
const ZJsonVersion = z.number().int().min(1).max(MAX_PATH_INT);
export const ZPostSubjectBody = ZEnrolSubject.omit({ studyId: true }).extend({
  yearOfBirth: z.number().int({ error: "must be a whole year" }).min(1900, { error: "must be 1900 or later" }).max(2200, { error: "must be 2200 or earlier" }),
  consentVersion: ZJsonVersion,
});
export const ZPostConsentBody = ZRecordConsent.omit({ subjectId: true }).extend({ consentVersion: ZJsonVersion });
export const ZPostStatusBody = ZChangeSubjectStatusFields.omit({ subjectId: true }).extend({ version: ZJsonVersion.optional() }).superRefine(refineSubjectStatus);
export const ZPostVisitBody = ZRecordVisitFields.omit({ subjectId: true }).extend({ planVersion: ZJsonVersion.optional() }).superRefine(refineRecordVisit);
export const ZPatchVisitBody = ZUpdateVisit.omit({ subjectId: true, recordId: true }).extend({ version: ZJsonVersion });
export const ZPostSignatureBody = ZSignVisit.omit({ subjectId: true, recordId: true });

export const ZAsOfQuery = z.object({ asOf: z.string().optional() });

export const ZSubjectResource = z.object({
  id: z.string(),
  studyId: z.string(),
  siteId: z.string(),
  siteCode: z.string(),
  code: z.string(),
  yearOfBirth: z.number().int(),
  sex: z.string(),
  dosingDate: z.string(),
  lot: z.string(),
  status: z.enum(["active", "completed", "withdrawn", "lost_to_follow_up", "died"]),
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  deathCause: z.string().nullable(),
  consentVersion: z.number().int(),
  consentDate: z.string(),
  reconsentDue: z.boolean(),
  confounders: z.record(z.string(), z.unknown()),
  extension: z.object({ active: z.boolean(), since: z.string().nullable() }),
  version: z.number().int(),
});
export type TSubjectResource = z.infer<typeof ZSubjectResource>;

export function subjectResource(row: SubjectRow, extension: TSubjectResource["extension"] = { active: false, since: null }): TSubjectResource {
  return {
    id: row.id,
    studyId: row.studyId,
    siteId: row.siteId,
    siteCode: row.site.code,
    code: row.code,
    yearOfBirth: row.yearOfBirth,
    sex: row.sex,
    dosingDate: calendarDateFromDb(row.dosingDate),
    lot: row.lot,
    status: row.status as TSubjectResource["status"],
    statusDate: row.statusDate ? calendarDateFromDb(row.statusDate) : null,
    statusReason: row.statusReason,
    deathCause: row.deathCause,
    consentVersion: row.consentVersion,
    consentDate: calendarDateFromDb(row.consentDate),
    reconsentDue: isReconsentDue(row),
    confounders: (row.confounders ?? {}) as Record<string, unknown>,
    // Extension beyond the planned period, computed by the safety rules (lib/safety-records/extensions.ts).
    extension,
    version: row.version,
  };
}

export const ZSignatureResource = z.object({
  signerName: z.string(),
  signerEmail: z.string(),
  signedAt: z.string(),
  meaning: z.string(),
  valid: z.boolean(),
  voidedAt: z.string().nullable(),
  voidedReason: z.string().nullable(),
});

export const ZVisitResource = z.object({
  id: z.string(),
  subjectId: z.string(),
  visitId: z.string(),
  planVersion: z.number().int().nullable(),
  unscheduled: z.boolean(),
  status: z.enum(["completed", "missed"]),
  date: z.string(),
  contactMode: z.string().nullable(),
  assessments: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  version: z.number().int(),
  signature: ZSignatureResource.nullable(),
  signatures: z.array(ZSignatureResource),
});
export type TVisitResource = z.infer<typeof ZVisitResource>;

export function visitResource(row: VisitRecordRow): TVisitResource {
  // Newest first: the visit's signature is its latest one, shown void once the record changed.
  const signatures = row.signatures.map((s) => ({
    signerName: s.signerName,
    signerEmail: s.signerEmail,
    signedAt: s.signedAt.toISOString(),
    meaning: s.meaning,
    valid: s.voidedAt === null,
    voidedAt: s.voidedAt ? s.voidedAt.toISOString() : null,
    voidedReason: s.voidedReason,
  }));
  return {
    id: row.id,
    subjectId: row.subjectId,
    visitId: row.visitId,
    planVersion: row.planVersion,
    unscheduled: row.unscheduled,
    status: row.status as TVisitResource["status"],
    date: calendarDateFromDb(row.date),
    contactMode: row.contactMode,
    assessments: (row.assessments ?? null) as Record<string, unknown> | null,
    reason: row.reason,
    version: row.version,
    signature: signatures[0] ?? null,
    signatures,
  };
}

export const ZScheduleVisitResource = z.object({
  visitId: z.string(),
  planVersion: z.number().int().nullable(),
  offsetMonths: z.number().int(),
  targetDate: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  contactMode: z.string(),
  activities: z.array(z.string()),
  status: z.enum(VISIT_STATUSES),
  recordedDate: z.string().optional(),
  recordId: z.string().optional(),
  source: z.enum(["plan", "escalation", "extension"]),
  escalationId: z.string().nullable().optional(),
});
export const ZScheduleResource = z.object({ followUpEnd: z.string().nullable(), visits: z.array(ZScheduleVisitResource) });
