import type {
  ExportAdverseEvent,
  ExportAuditEntry,
  ExportConsentVersion,
  ExportEscalation,
  ExportPlanVersion,
  ExportSampleResult,
  ExportScheduledVisit,
  ExportSite,
  ExportStudy,
  ExportSubject,
  ExportUser,
  ExportVisitRecord,
  ExportVoidedSignature,
} from "@/lib/exports/types";

// Fixed data for the exports' unit tests: two sites, three subjects, values chosen to exercise
// quoting (comma, quote, line break), Chinese text and a formula-looking term.

export const STUDY: ExportStudy = { id: "st1", code: "LV-001-LTFU", name: "LV-001 long-term follow-up" };

export const SITES: ExportSite[] = [
  { id: "site-sh", code: "SH-01", name: "上海瑞金医院" },
  { id: "site-bj", code: "BJ-02", name: "Peking Union, Beijing" },
];

export const USERS: ExportUser[] = [
  { id: "u-inv", email: "investigator@demo.test", name: "Dr. Li Wei" },
  { id: "u-mon", email: "monitor@demo.test", name: "Monica \"Mo\" Tor" },
  { id: "u-spo", email: "sponsor@demo.test", name: "Sponsor & Admin <QA>" },
];

export const PLAN_VERSIONS: ExportPlanVersion[] = [
  {
    version: 1,
    effectiveDate: "2023-12-01",
    amendmentReason: null,
    durationMonths: 180,
    visits: [
      { id: "M06", offsetMonths: 6, windowDaysBefore: 14, windowDaysAfter: 14, contactMode: "clinic", activities: [{ kind: "clinical_visit" }, { kind: "integration_monitoring", sampleType: "peripheral_blood" }] },
      { id: "M12", offsetMonths: 12, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "clinic", activities: [{ kind: "clinical_visit" }] },
    ],
  },
  {
    version: 2,
    effectiveDate: "2025-06-01",
    amendmentReason: "Integration monitoring every 6 months after a dominant clone in another study",
    durationMonths: 180,
    visits: [
      { id: "M12", offsetMonths: 12, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "clinic", activities: [{ kind: "clinical_visit" }, { kind: "integration_monitoring", sampleType: "peripheral_blood" }] },
      { id: "M18", offsetMonths: 18, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "phone", activities: [{ kind: "remote_contact" }] },
    ],
  },
];

export const CONSENT_VERSIONS: ExportConsentVersion[] = [
  { version: 1, effectiveDate: "2023-11-15", title: "ICF v1" },
  { version: 2, effectiveDate: "2025-07-01", title: "ICF v2: new risk of insertional oncogenesis" },
];

export const SUBJECTS: ExportSubject[] = [
  {
    id: "sub1", studyId: "st1", siteId: "site-sh", siteCode: "SH-01", code: "SH01-001", yearOfBirth: 1980, sex: "female",
    dosingDate: "2024-02-29", lot: "LV-2023-117", status: "active", statusDate: null, consentVersion: 1, consentDate: "2024-02-01",
    reconsentDue: true, extension: { active: false, since: null }, version: 3,
  },
  {
    id: "sub2", studyId: "st1", siteId: "site-sh", siteCode: "SH-01", code: "SH01-002", yearOfBirth: 1975, sex: "male",
    dosingDate: "2025-01-10", lot: "LV-2024-003", status: "died", statusDate: "2025-09-30", consentVersion: 2, consentDate: "2025-07-15",
    reconsentDue: false, extension: { active: false, since: null }, version: 5,
  },
  {
    id: "sub3", studyId: "st1", siteId: "site-bj", siteCode: "BJ-02", code: "BJ02-001", yearOfBirth: 1990, sex: "unknown",
    dosingDate: "2023-06-15", lot: "LV,2023\"001", status: "lost_to_follow_up", statusDate: "2025-04-01", consentVersion: 1, consentDate: "2023-06-01",
    reconsentDue: true, extension: { active: false, since: null }, version: 2,
  },
];

export const VISIT_RECORDS: ExportVisitRecord[] = [
  {
    id: "vr1", subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", visitId: "M06", planVersion: 1, unscheduled: false,
    status: "completed", date: "2024-08-27", contactMode: "clinic",
    assessments: { history: true, drugExposure: "none", newOrWorsenedDisease: ["头痛", "rash, mild"], physicalExam: true, labs: true, pregnancy: "not_applicable" },
    reason: null, version: 1,
    signature: { signerName: "Dr. Li Wei", signerEmail: "investigator@demo.test", signedAt: "2024-08-28T02:15:00.000Z", meaning: "reviewed_and_approved", valid: true },
  },
  {
    id: "vr2", subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", visitId: "M12", planVersion: 2, unscheduled: false,
    status: "missed", date: "2025-03-20", contactMode: null, assessments: null, reason: "subject travelling\nback in May", version: 2,
    signature: { signerName: "Dr. Li Wei", signerEmail: "investigator@demo.test", signedAt: "2025-03-21T08:00:00.000Z", meaning: "reviewed_and_approved", valid: false },
  },
  {
    id: "vr3", subjectId: "sub3", subjectCode: "BJ02-001", siteCode: "BJ-02", visitId: "U01", planVersion: null, unscheduled: true,
    status: "completed", date: "2024-12-02", contactMode: "phone", assessments: { history: true }, reason: "=HYPERLINK(\"x\") reported fever", version: 1,
    signature: null,
  },
];

export const ADVERSE_EVENTS: ExportAdverseEvent[] = [
  {
    id: "ae1", subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", term: "T-cell lymphoma", onsetDate: "2025-03-02", serious: true,
    seriousnessCriteria: ["hospitalisation", "life_threatening"], grade: 3, category: "malignancy", relatedness: "possible", outcome: "not_recovered", possibleRcl: false, version: 1,
  },
  {
    id: "ae2", subjectId: "sub2", subjectCode: "SH01-002", siteCode: "SH-01", term: "带状疱疹", onsetDate: "2025-05-10", serious: false,
    seriousnessCriteria: [], grade: 2, category: "infection", relatedness: "unrelated", outcome: "recovered", possibleRcl: false, version: 2,
  },
  {
    id: "ae3", subjectId: "sub2", subjectCode: "SH01-002", siteCode: "SH-01", term: "Sepsis", onsetDate: "2025-09-20", serious: true,
    seriousnessCriteria: ["death"], grade: 5, category: "infection", relatedness: "unlikely", outcome: "fatal", possibleRcl: false, version: 1,
  },
  {
    id: "ae4", subjectId: "sub3", subjectCode: "BJ02-001", siteCode: "BJ-02", term: "Myelodysplastic syndrome", onsetDate: "2024-11-05", serious: true,
    seriousnessCriteria: ["other_medically_important"], grade: 3, category: "malignancy", relatedness: "probable", outcome: "recovering", possibleRcl: true, version: 1,
  },
];

export const SAMPLE_RESULTS: ExportSampleResult[] = [
  {
    id: "sr1", subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", kind: "integration_site_analysis", collectedDate: "2024-08-27",
    sampleType: "peripheral_blood", surrogate: false, assay: "LAM-PCR + NGS", detected: true, value: 0.8, unit: "copies/cell",
    dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5, visitRecordId: "vr1", version: 1,
  },
  {
    id: "sr2", subjectId: "sub3", subjectCode: "BJ02-001", siteCode: "BJ-02", kind: "vector_copy_number", collectedDate: "2024-12-02",
    sampleType: "bone_marrow", surrogate: true, assay: null, detected: false, value: null, unit: null,
    dominantClone: null, clonalExpansion: null, nearOncogene: null, largestClonePercent: null, visitRecordId: null, version: 1,
  },
];

export const ESCALATIONS: ExportEscalation[] = [
  { id: "esc1", subjectId: "sub1", trigger: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.2", openedDate: "2024-08-27", dueDate: "2024-11-27", status: "resolved", resolvedDate: "2024-11-20", note: "retest negative", adverseEventId: null, sampleResultId: "sr1", version: 2 },
  { id: "esc2", subjectId: "sub1", trigger: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", citation: "CDE §2.3.2", openedDate: "2025-03-02", dueDate: null, status: "open", resolvedDate: null, note: null, adverseEventId: "ae1", sampleResultId: null, version: 1 },
  { id: "esc3", subjectId: "sub3", trigger: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", citation: "CDE §2.3.2", openedDate: "2024-11-05", dueDate: null, status: "open", resolvedDate: null, note: null, adverseEventId: "ae4", sampleResultId: null, version: 1 },
  { id: "esc4", subjectId: "sub3", trigger: "rcl_rcr_suspected_ae", action: "rcl_rcr_testing", citation: "CDE §2.4.1", openedDate: "2024-11-05", dueDate: null, status: "open", resolvedDate: null, note: null, adverseEventId: "ae4", sampleResultId: null, version: 1 },
];

/** vr2's first signature, voided when the record was corrected (audit 107). */
export const VOIDED_SIGNATURES: ExportVoidedSignature[] = [
  {
    id: "sig-vr2-1", visitRecordId: "vr2", subjectId: "sub1", siteId: "site-sh", signerName: "Dr. Li Wei", signerEmail: "investigator@demo.test",
    signedAt: "2025-03-20T12:00:00.000Z", meaning: "reviewed_and_approved", recordVersion: 1, voidedAt: "2025-03-22T11:30:00.000Z",
    voidedReason: "Corrected the reason after the monitor's query <Q-7> & call", voidAuditId: "107",
  },
];

export const AUDIT_ENTRIES: ExportAuditEntry[] = [
  { id: "101", occurredAt: "2024-08-27T09:00:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "visit_record", entityId: "vr1", action: "create", reason: null },
  { id: "102", occurredAt: "2025-03-20T10:00:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "visit_record", entityId: "vr2", action: "create", reason: null },
  { id: "103", occurredAt: "2025-03-22T11:30:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "visit_record", entityId: "vr2", action: "update", reason: "Corrected the reason after the monitor's query <Q-7> & call" },
  { id: "104", occurredAt: "2025-03-03T07:00:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "adverse_event", entityId: "ae1", action: "create", reason: null },
  { id: "105", occurredAt: "2025-04-01T07:00:00.000Z", actorId: null, actorEmail: "system", siteId: "site-bj", entity: "subject", entityId: "sub3", action: "status", reason: "three contact attempts without answer" },
  { id: "106", occurredAt: "2025-06-01T00:00:00.000Z", actorId: "u-spo", actorEmail: "sponsor@demo.test", siteId: null, entity: "plan_version", entityId: "pv2", action: "activate", reason: "Integration monitoring every 6 months" },
  { id: "107", occurredAt: "2025-03-22T11:30:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "VisitSignature", entityId: "sig-vr2-1", action: "void", reason: "Corrected the reason after the monitor's query <Q-7> & call" },
  { id: "108", occurredAt: "2024-11-20T08:00:00.000Z", actorId: "u-inv", actorEmail: "investigator@demo.test", siteId: "site-sh", entity: "Escalation", entityId: "esc1", action: "resolve", reason: "retest negative" },
];

/** sub1's schedule at asOf 2025-09-01 (plan v1 then v2), plus one escalation event; sub2 died. */
export const SCHEDULED_VISITS: ExportScheduledVisit[] = [
  { subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", source: "plan", visitId: "M06", planVersion: 1, targetDate: "2024-08-29", windowStart: "2024-08-15", windowEnd: "2024-09-12", contactMode: "clinic", activities: ["clinical_visit", "integration_monitoring"], status: "completed" },
  { subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", source: "plan", visitId: "M12", planVersion: 2, targetDate: "2025-02-28", windowStart: "2025-01-29", windowEnd: "2025-03-30", contactMode: "clinic", activities: ["clinical_visit", "integration_monitoring"], status: "missed" },
  { subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", source: "plan", visitId: "M18", planVersion: 2, targetDate: "2025-08-29", windowStart: "2025-07-30", windowEnd: "2025-09-28", contactMode: "phone", activities: ["remote_contact"], status: "window_open" },
  { subjectId: "sub1", subjectCode: "SH01-001", siteCode: "SH-01", source: "escalation", visitId: "E-esc1-1", planVersion: null, targetDate: "2024-11-27", windowStart: "2024-08-27", windowEnd: "2024-11-27", contactMode: "clinic", activities: ["integration_monitoring"], status: "overdue" },
  { subjectId: "sub2", subjectCode: "SH01-002", siteCode: "SH-01", source: "plan", visitId: "M06", planVersion: 2, targetDate: "2025-07-10", windowStart: "2025-06-26", windowEnd: "2025-07-24", contactMode: "clinic", activities: ["clinical_visit"], status: "overdue" },
  { subjectId: "sub2", subjectCode: "SH01-002", siteCode: "SH-01", source: "plan", visitId: "M12", planVersion: 2, targetDate: "2026-01-10", windowStart: "2025-12-11", windowEnd: "2026-02-09", contactMode: "clinic", activities: ["clinical_visit"], status: "not_required" },
];
