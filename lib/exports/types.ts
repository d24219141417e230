/**
 * What the exports read: plain rows mirroring the resources of CLINICAL-API-CONTRACT.md
 * (keys and value words as the contract spells them), plus the few names a flat file needs
 * beside an id (subject code, site code). Calendar dates are `YYYY-MM-DD`; instants are ISO
 * 8601 in UTC (`2026-11-25T09:30:00.000Z`). The services in lib/exports map database rows to
 * these; the renderers here never touch a database or a framework.
 */

export type SubjectStatus = "active" | "completed" | "withdrawn" | "lost_to_follow_up" | "died";
export type Sex = "female" | "male" | "other" | "unknown";

export interface ExportStudy {
  id: string;
  code: string;
  name: string;
}

export interface ExportSite {
  id: string;
  code: string;
  name: string;
}

export interface ExportSubject {
  id: string;
  studyId: string;
  siteId: string;
  siteCode: string;
  code: string;
  yearOfBirth: number;
  sex: Sex;
  dosingDate: string;
  lot: string;
  status: SubjectStatus;
  /** Date of the status when it is not `active`. */
  statusDate: string | null;
  consentVersion: number;
  consentDate: string;
  reconsentDue: boolean;
  extension: { active: boolean; since: string | null };
  version: number;
}

export type SignatureMeaning = "reviewed_and_approved" | "authored" | "verified";

export interface ExportSignature {
  signerName: string;
  signerEmail: string;
  /** Instant, ISO 8601 UTC. */
  signedAt: string;
  meaning: SignatureMeaning;
  valid: boolean;
}

/**
 * A signature that a later change of its visit record voided: it no longer vouches for the
 * record, but it happened and stays part of the record's history.
 */
export interface ExportVoidedSignature {
  id: string;
  visitRecordId: string;
  subjectId: string;
  siteId: string;
  signerName: string;
  signerEmail: string;
  /** Instant, ISO 8601 UTC. */
  signedAt: string;
  meaning: SignatureMeaning;
  /** The record version it signed. */
  recordVersion: number;
  /** Instant of the void, ISO 8601 UTC. */
  voidedAt: string;
  voidedReason: string | null;
  /** The audit row of the void (its ODM AuditRecord is `AR.{id}`), when the trail holds it. */
  voidAuditId: string | null;
}

export interface ExportVisitRecord {
  id: string;
  subjectId: string;
  subjectCode: string;
  siteCode: string;
  visitId: string;
  planVersion: number | null;
  unscheduled: boolean;
  status: "completed" | "missed";
  date: string;
  contactMode: string | null;
  /** The §2.3.2 checklist: history, drugExposure, newOrWorsenedDisease, physicalExam, labs, pregnancy. */
  assessments: VisitAssessments | null;
  reason: string | null;
  version: number;
  signature: ExportSignature | null;
}

export interface VisitAssessments {
  history?: boolean;
  drugExposure?: string;
  newOrWorsenedDisease?: string[];
  physicalExam?: boolean;
  labs?: boolean;
  pregnancy?: string;
}

export const AE_CATEGORIES = ["malignancy", "neurological", "immunogenic_autoimmune", "infection", "haematological", "other"] as const;
export type AdverseEventCategory = (typeof AE_CATEGORIES)[number];

export interface ExportAdverseEvent {
  id: string;
  subjectId: string;
  subjectCode: string;
  siteCode: string;
  term: string;
  onsetDate: string;
  serious: boolean;
  seriousnessCriteria: string[];
  grade: number;
  category: AdverseEventCategory;
  relatedness: "unrelated" | "unlikely" | "possible" | "probable" | "definite";
  outcome: "recovered" | "recovering" | "not_recovered" | "recovered_with_sequelae" | "fatal" | "unknown";
  possibleRcl: boolean;
  version: number;
}

export interface ExportSampleResult {
  id: string;
  subjectId: string;
  subjectCode: string;
  siteCode: string;
  kind: string;
  collectedDate: string;
  sampleType: string | null;
  surrogate: boolean;
  assay: string | null;
  detected: boolean | null;
  value: number | null;
  unit: string | null;
  dominantClone: boolean | null;
  clonalExpansion: boolean | null;
  nearOncogene: boolean | null;
  largestClonePercent: number | null;
  visitRecordId: string | null;
  version: number;
}

export const TRIGGER_IDS = [
  "vector_positive_above_expected",
  "dominant_clone",
  "clonal_expansion_or_oncogene_site",
  "rcl_rcr_suspected_ae",
  "suspected_related_ae",
  "persistence_at_period_end",
] as const;
export type TriggerIdText = (typeof TRIGGER_IDS)[number];

/** A safety signal: the trigger that opened it, the guideline clause and action, its dates and how it was resolved. */
export interface ExportEscalation {
  id: string;
  subjectId: string;
  trigger: TriggerIdText;
  action: string;
  /** The guideline clause (e.g. `CDE §2.4.2`). */
  citation: string;
  openedDate: string;
  dueDate: string | null;
  status: "open" | "resolved";
  resolvedDate: string | null;
  /** The resolution note. */
  note: string | null;
  /** The record that fired it: an adverse event or a sample result. */
  adverseEventId: string | null;
  sampleResultId: string | null;
  version: number;
}

export interface ExportPlanVisit {
  id: string;
  offsetMonths: number;
  windowDaysBefore: number;
  windowDaysAfter: number;
  contactMode: string;
  activities: { kind: string; sampleType?: string; surrogate?: boolean }[];
}

/** An activated plan version (active or superseded): an amendment when it is not the first. */
export interface ExportPlanVersion {
  version: number;
  effectiveDate: string;
  amendmentReason: string | null;
  durationMonths: number;
  visits: ExportPlanVisit[];
}

export interface ExportConsentVersion {
  version: number;
  effectiveDate: string;
  title: string;
}

/** A user who appears in the audit trail or signed a record (ODM AdminData). */
export interface ExportUser {
  id: string;
  email: string;
  name: string;
}

/** One row of the audit trail: who changed which record, when, and why. */
export interface ExportAuditEntry {
  id: string;
  /** Instant, ISO 8601 UTC. */
  occurredAt: string;
  actorId: string | null;
  actorEmail: string;
  /** Site of the record changed, when it belongs to a subject (the ODM LocationRef); else null. */
  siteId: string | null;
  entity: string;
  entityId: string;
  action: string;
  reason: string | null;
}

/** A visit on a subject's schedule (SCHEDULE-CONTRACT output), with the subject it belongs to. */
export interface ExportScheduledVisit {
  subjectId: string;
  subjectCode: string;
  siteCode: string;
  /** `plan`, or `escalation` / `extension` for events the safety rules add. */
  source: "plan" | "escalation" | "extension";
  visitId: string;
  planVersion: number | null;
  targetDate: string;
  windowStart: string;
  windowEnd: string;
  contactMode: string;
  activities: string[];
  status: "completed" | "missed" | "not_required" | "overdue" | "window_open" | "upcoming";
}
