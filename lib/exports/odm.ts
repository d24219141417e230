import { ADVERSE_EVENT_FIELDS, ESCALATION_FIELDS, idField, SAMPLE_RESULT_FIELDS, SUBJECT_FIELDS, VISIT_FIELDS, type ExportField, type FieldValue } from "@/lib/exports/fields";
import { XmlWriter, type XmlAttributes } from "@/lib/exports/xml-writer";
import {
  AE_CATEGORIES,
  TRIGGER_IDS,
  type ExportAdverseEvent,
  type ExportAuditEntry,
  type ExportEscalation,
  type ExportPlanVersion,
  type ExportSampleResult,
  type ExportSignature,
  type ExportSite,
  type ExportStudy,
  type ExportSubject,
  type ExportUser,
  type ExportVisitRecord,
  type ExportVoidedSignature,
  type SignatureMeaning,
} from "@/lib/exports/types";

/**
 * CDISC ODM 1.3.2 (Snapshot) of a study, written as a stream:
 * - Study/MetaDataVersion: the schedule of every activated plan version as StudyEventDefs
 *   `SE.P{version}.{visitId}`; ODM has no element for offsets and windows, so they travel as
 *   Alias elements (`LTFU:offsetMonths`, `LTFU:windowDaysBefore`, …), which the unextended
 *   schema accepts. Forms, item groups, items and code lists for the subject, visits, adverse
 *   events and sample results.
 * - AdminData: users (signers and authors of audit entries), sites as Locations, and one
 *   SignatureDef per signature meaning, stating the meaning and the legal reason.
 * - ClinicalData: one SubjectData per subject (SubjectKey = subject code) with its site, its
 *   visits as StudyEventData, adverse events, sample results and escalations (safety signals)
 *   as repeating forms of a common event; each form carries the AuditRecord of its record's last
 *   change and, for a visit with a valid signature, the Signature. After the subjects, the whole
 *   audit trail in scope as AuditRecords (ID `AR.{audit row}`, ReasonForChange, SourceID), then
 *   the voided signatures as Signatures (ID `SG.{signature}`).
 * Voided signatures: ODM has no attribute that marks a Signature void, and a form holds one
 * Signature, which must be one that vouches for the data as exported. So a voided signature is
 * written whole (signer, site, meaning, time of signing) in ClinicalData/Signatures, its void is
 * the AuditRecord `AR.{audit row}` with the reason as ReasonForChange, and the visit's form
 * carries an Annotation (flag `voided`, code list CL.SIGNATURE_STATUS) whose comment names both.
 */

export const ODM_NAMESPACE = "http://www.cdisc.org/ns/odm/v1.3";

export interface OdmSubjectBundle {
  subject: ExportSubject;
  visitRecords: readonly ExportVisitRecord[];
  adverseEvents: readonly ExportAdverseEvent[];
  sampleResults: readonly ExportSampleResult[];
  /** The subject's escalations (safety signals). */
  escalations: readonly ExportEscalation[];
  /** Voided signatures of the subject's visit records (annotated on their visit forms). */
  voidedSignatures: readonly ExportVoidedSignature[];
  /** Audit entries of the subject and its records; the latest per record goes on its form. */
  auditEntries: readonly ExportAuditEntry[];
}

export interface OdmInput {
  study: ExportStudy;
  sites: readonly ExportSite[];
  /** Every user named by a signature or an audit entry of the export. */
  users: readonly ExportUser[];
  /** Activated plan versions (active and superseded), with their visits. */
  planVersions: readonly ExportPlanVersion[];
  /** Instant the file was produced, ISO 8601 UTC. */
  generatedAt: string;
  /** A unique id of this file (ODM FileOID). */
  fileOid: string;
  subjects: AsyncIterable<OdmSubjectBundle> | Iterable<OdmSubjectBundle>;
  /** The audit trail in scope, in order. */
  auditTrail: AsyncIterable<ExportAuditEntry> | Iterable<ExportAuditEntry>;
  /** Every voided signature in scope (ClinicalData/Signatures), after the audit trail. */
  voidedSignatures: AsyncIterable<ExportVoidedSignature> | Iterable<ExportVoidedSignature>;
}

export const SIGNATURE_DEFINITIONS: Record<SignatureMeaning, { meaning: string; legalReason: string }> = {
  reviewed_and_approved: {
    meaning: "Reviewed and approved: the investigator has reviewed this visit record and approves its content.",
    legalReason:
      "Electronic signature under 21 CFR 11.50, 11.70 and 11.200: the signer re-entered the password; the signature is the legally binding equivalent of the handwritten signature and is linked to the record version it signed.",
  },
  verified: {
    meaning: "Verified: the signer checked this record against its source documents.",
    legalReason:
      "Electronic signature under 21 CFR 11.50, 11.70 and 11.200: the signer re-entered the password; the signature is the legally binding equivalent of the handwritten signature and is linked to the record version it signed.",
  },
  authored: {
    meaning: "Authored: the signer entered this record and attests that it is accurate.",
    legalReason:
      "Electronic signature under 21 CFR 11.50, 11.70 and 11.200: the signer re-entered the password; the signature is the legally binding equivalent of the handwritten signature and is linked to the record version it signed.",
  },
};

export const MDV_OID = "MDV.LTFU";
const SYSTEM_USER_OID = "U.SYSTEM";
const SPONSOR_LOCATION_OID = "L.SPONSOR";
const SE_SUBJECT = "SE.SUBJECT";
const SE_SAFETY = "SE.SAFETY";
const SE_UNSCHEDULED = "SE.UNSCHEDULED";
const SE_SAFETY_VISIT = "SE.SAFETY_VISIT";
const F_SUBJECT = "F.SUBJECT";
const F_VISIT = "F.VISIT";

export const studyEventOid = (planVersion: number, visitId: string) => `SE.P${planVersion}.${visitId}`;
const userOid = (id: string) => `U.${id}`;
const locationOid = (siteId: string) => `L.${siteId}`;
const signatureDefOid = (meaning: SignatureMeaning) => `SD.${meaning}`;
export const voidedSignatureId = (signatureId: string) => `SG.${signatureId}`;
export const auditRecordId = (auditId: string) => `AR.${auditId}`;

interface ItemSpec<Row> extends ExportField<Row> {
  oid: string;
}

/** One case report form: its item group holds the fields' items, OIDs `I.{group}.{FIELD_NAME}` unless named in `oids`. */
interface OdmForm<Row> {
  oid: string;
  name: string;
  repeating: boolean;
  itemGroup: string;
  items: ItemSpec<Row>[];
}

const upperSnake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

function odmForm<Row>(form: { oid: string; name: string; repeating: boolean; group: string; fields: readonly ExportField<Row>[]; oids?: Record<string, string> }): OdmForm<Row> {
  return {
    oid: form.oid,
    name: form.name,
    repeating: form.repeating,
    itemGroup: `IG.${form.group}`,
    items: form.fields.map((field) => ({ ...field, oid: form.oids?.[field.name] ?? `I.${form.group}.${upperSnake(field.name)}` })),
  };
}

const CODE_LISTS: { oid: string; name: string; values: readonly string[] }[] = [
  { oid: "CL.SEX", name: "Sex", values: ["female", "male", "other", "unknown"] },
  { oid: "CL.SUBJECT_STATUS", name: "Subject status", values: ["active", "completed", "withdrawn", "lost_to_follow_up", "died"] },
  { oid: "CL.VISIT_STATUS", name: "Visit record status", values: ["completed", "missed"] },
  { oid: "CL.AE_CATEGORY", name: "Adverse event category", values: AE_CATEGORIES },
  { oid: "CL.RELATEDNESS", name: "Relatedness", values: ["unrelated", "unlikely", "possible", "probable", "definite"] },
  { oid: "CL.AE_OUTCOME", name: "Adverse event outcome", values: ["recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown"] },
  { oid: "CL.TRIGGER", name: "Escalation trigger (RULES-CONTRACT)", values: TRIGGER_IDS },
  { oid: "CL.ESCALATION_STATUS", name: "Escalation status", values: ["open", "resolved"] },
  { oid: "CL.SIGNATURE_STATUS", name: "Signature status (annotation flag)", values: ["voided"] },
  {
    oid: "CL.SAMPLE_KIND",
    name: "Sample result kind",
    values: ["persistence", "vector_copy_number", "vector_positive_percent", "clonality", "integration_site_analysis", "rcl_rcr", "off_target", "shedding"],
  },
];

const SUBJECT_FORM = odmForm({ oid: F_SUBJECT, name: "Subject", repeating: false, group: "SUBJECT", fields: SUBJECT_FIELDS });
const VISIT_FORM = odmForm({ oid: F_VISIT, name: "Visit", repeating: false, group: "VISIT", fields: [idField<ExportVisitRecord>(), ...VISIT_FIELDS], oids: { id: "I.VISIT.RECORD_ID" } });
const AE_FORM = odmForm({ oid: "F.AE", name: "Adverse event", repeating: true, group: "AE", fields: [idField<ExportAdverseEvent>(), ...ADVERSE_EVENT_FIELDS] });
const SAMPLE_FORM = odmForm({ oid: "F.SAMPLE", name: "Sample result", repeating: true, group: "SAMPLE", fields: [idField<ExportSampleResult>(), ...SAMPLE_RESULT_FIELDS] });
const ESCALATION_FORM = odmForm({
  oid: "F.ESCALATION",
  name: "Escalation (safety signal): trigger, guideline clause, dates, resolution",
  repeating: true,
  group: "ESCALATION",
  fields: [idField<ExportEscalation>(), ...ESCALATION_FIELDS],
});

/** The repeating forms of the common safety event, in order, each keyed by its record id. */
interface SafetyForm {
  form: OdmForm<never>;
  count: (bundle: OdmSubjectBundle) => number;
  write: (bundle: OdmSubjectBundle, writeForm: <Row extends { id: string }>(form: OdmForm<Row>, row: Row) => void) => void;
}
function safetyForm<Row extends { id: string }>(form: OdmForm<Row>, records: (bundle: OdmSubjectBundle) => readonly Row[]): SafetyForm {
  return { form, count: (bundle) => records(bundle).length, write: (bundle, writeForm) => records(bundle).forEach((row) => writeForm(form, row)) };
}
const SAFETY_FORMS: SafetyForm[] = [
  safetyForm(AE_FORM, (bundle) => bundle.adverseEvents),
  safetyForm(SAMPLE_FORM, (bundle) => bundle.sampleResults),
  safetyForm(ESCALATION_FORM, (bundle) => bundle.escalations),
];

const FORMS: OdmForm<never>[] = [SUBJECT_FORM, VISIT_FORM, ...SAFETY_FORMS.map((safety) => safety.form)];

function formatValue(value: Exclude<FieldValue, null | undefined>): string {
  if (typeof value === "boolean") return value ? "true" : "false";
  return String(value);
}

const yesNo = (flag: boolean) => (flag ? "Yes" : "No");
const label = (value: string) => value.replace(/_/g, " ");

function translated(writer: XmlWriter, element: string, text: string) {
  writer.start(element).leaf("TranslatedText", { "xml:lang": "en" }, text).end();
}

/** A StudyEventDef and its place in the Protocol. */
interface StudyEventDef {
  oid: string;
  name: string;
  repeating: boolean;
  type: "Scheduled" | "Unscheduled" | "Common";
  category?: string;
  /** Mandatory in the Protocol's StudyEventRef. */
  mandatory: boolean;
  forms: { oid: string; mandatory: boolean }[];
  aliases?: [string, string | number][];
}

/** A plan visit's schedule as `LTFU:` aliases (ODM has no element for offsets and windows). */
function planVisitAliases(plan: ExportPlanVersion, visit: ExportPlanVersion["visits"][number]): [string, string | number][] {
  const aliases: [string, string | number][] = [
    ["LTFU:visitId", visit.id],
    ["LTFU:planVersion", plan.version],
    ["LTFU:planEffectiveDate", plan.effectiveDate],
    ["LTFU:offsetMonths", visit.offsetMonths],
    ["LTFU:windowDaysBefore", visit.windowDaysBefore],
    ["LTFU:windowDaysAfter", visit.windowDaysAfter],
    ["LTFU:contactMode", visit.contactMode],
    ["LTFU:activities", [...new Set(visit.activities.map((a) => a.kind))].sort().join(" ")],
  ];
  // Alias contexts are unique per element (schema constraint): one alias per sampled kind.
  const sampleTypes = new Map<string, Set<string>>();
  for (const activity of visit.activities) {
    if (!activity.sampleType) continue;
    const types = sampleTypes.get(activity.kind) ?? new Set<string>();
    types.add(activity.surrogate ? `${activity.sampleType}(surrogate)` : activity.sampleType);
    sampleTypes.set(activity.kind, types);
  }
  for (const [kind, types] of [...sampleTypes].sort(([a], [b]) => (a < b ? -1 : 1))) aliases.push([`LTFU:sampleType:${kind}`, [...types].sort().join(" ")]);
  return aliases;
}

function writeMetaData(writer: XmlWriter, input: OdmInput) {
  const plans = [...input.planVersions].sort((a, b) => a.version - b.version);
  writer.start("MetaDataVersion", {
    OID: MDV_OID,
    Name: "LTFU schedule and case report forms",
    Description: `Plan versions ${plans.map((p) => p.version).join(", ") || "none"}; visit offsets and windows as LTFU: aliases`,
  });

  const events: StudyEventDef[] = [{ oid: SE_SUBJECT, name: "Subject", repeating: false, type: "Common", mandatory: true, forms: [{ oid: F_SUBJECT, mandatory: true }] }];
  for (const plan of plans) {
    for (const visit of plan.visits) {
      events.push({ oid: studyEventOid(plan.version, visit.id), name: `${visit.id} (plan v${plan.version})`, repeating: false, type: "Scheduled", category: "LTFU plan visit", mandatory: true, forms: [{ oid: F_VISIT, mandatory: true }], aliases: planVisitAliases(plan, visit) });
    }
  }
  events.push(
    { oid: SE_UNSCHEDULED, name: "Unscheduled visit", repeating: true, type: "Unscheduled", mandatory: false, forms: [{ oid: F_VISIT, mandatory: true }] },
    { oid: SE_SAFETY_VISIT, name: "Visit added by a safety rule (escalation or extension)", repeating: true, type: "Unscheduled", mandatory: false, forms: [{ oid: F_VISIT, mandatory: true }] },
    { oid: SE_SAFETY, name: "Safety: adverse events, sample results and escalations", repeating: false, type: "Common", mandatory: false, forms: SAFETY_FORMS.map((safety) => ({ oid: safety.form.oid, mandatory: false })) },
  );

  writer.start("Protocol");
  events.forEach((event, index) => writer.leaf("StudyEventRef", { StudyEventOID: event.oid, OrderNumber: index + 1, Mandatory: yesNo(event.mandatory) }));
  writer.end();

  for (const event of events) {
    writer.start("StudyEventDef", { OID: event.oid, Name: event.name, Repeating: yesNo(event.repeating), Type: event.type, Category: event.category });
    event.forms.forEach((form, index) => writer.leaf("FormRef", { FormOID: form.oid, OrderNumber: index + 1, Mandatory: yesNo(form.mandatory) }));
    for (const [context, name] of event.aliases ?? []) writer.leaf("Alias", { Context: context, Name: name });
    writer.end();
  }

  for (const form of FORMS) {
    writer.start("FormDef", { OID: form.oid, Name: form.name, Repeating: yesNo(form.repeating) });
    writer.leaf("ItemGroupRef", { ItemGroupOID: form.itemGroup, OrderNumber: 1, Mandatory: "Yes" }).end();
  }
  for (const form of FORMS) {
    writer.start("ItemGroupDef", { OID: form.itemGroup, Name: form.name, Repeating: "No" });
    form.items.forEach((item, index) => writer.leaf("ItemRef", { ItemOID: item.oid, OrderNumber: index + 1, Mandatory: "No" }));
    writer.end();
  }
  for (const form of FORMS) {
    for (const item of form.items) {
      if (item.codeList) writer.start("ItemDef", { OID: item.oid, Name: item.name, DataType: item.dataType }).leaf("CodeListRef", { CodeListOID: item.codeList }).end();
      else writer.leaf("ItemDef", { OID: item.oid, Name: item.name, DataType: item.dataType });
    }
  }
  for (const codeList of CODE_LISTS) {
    writer.start("CodeList", { OID: codeList.oid, Name: codeList.name, DataType: "text" });
    codeList.values.forEach((value, index) => {
      writer.start("CodeListItem", { CodedValue: value, OrderNumber: index + 1 });
      translated(writer, "Decode", label(value));
      writer.end();
    });
    writer.end();
  }
  writer.end();
}

function writeAdminData(writer: XmlWriter, input: OdmInput) {
  const firstEffective = [...input.planVersions].map((p) => p.effectiveDate).sort()[0] ?? input.generatedAt.slice(0, 10);
  writer.start("AdminData", { StudyOID: studyOid(input.study) });
  writer.start("User", { OID: SYSTEM_USER_OID, UserType: "Other" }).leaf("FullName", undefined, "LTFU system (automatic changes)").end();
  for (const user of input.users) {
    writer.start("User", { OID: userOid(user.id) });
    writer.leaf("LoginName", undefined, user.email).leaf("FullName", undefined, user.name).leaf("Email", undefined, user.email);
    writer.end();
  }
  const locations: { oid: string; name: string; type: string }[] = [
    { oid: SPONSOR_LOCATION_OID, name: "Sponsor", type: "Sponsor" },
    ...input.sites.map((site) => ({ oid: locationOid(site.id), name: `${site.code} ${site.name}`, type: "Site" })),
  ];
  for (const location of locations) {
    writer.start("Location", { OID: location.oid, Name: location.name, LocationType: location.type });
    writer.leaf("MetaDataVersionRef", { StudyOID: studyOid(input.study), MetaDataVersionOID: MDV_OID, EffectiveDate: firstEffective });
    writer.end();
  }
  for (const [meaning, definition] of Object.entries(SIGNATURE_DEFINITIONS) as [SignatureMeaning, (typeof SIGNATURE_DEFINITIONS)[SignatureMeaning]][]) {
    writer.start("SignatureDef", { OID: signatureDefOid(meaning), Methodology: "Electronic" });
    writer.leaf("Meaning", undefined, definition.meaning).leaf("LegalReason", undefined, definition.legalReason);
    writer.end();
  }
  writer.end();
}

const studyOid = (study: ExportStudy) => `ST.${study.id}`;

function writeAuditRecord(writer: XmlWriter, entry: ExportAuditEntry, attributes?: XmlAttributes) {
  writer.start("AuditRecord", attributes);
  writer.leaf("UserRef", { UserOID: entry.actorId ? userOid(entry.actorId) : SYSTEM_USER_OID });
  writer.leaf("LocationRef", { LocationOID: entry.siteId ? locationOid(entry.siteId) : SPONSOR_LOCATION_OID });
  writer.leaf("DateTimeStamp", undefined, entry.occurredAt);
  if (entry.reason) writer.leaf("ReasonForChange", undefined, entry.reason);
  writer.leaf("SourceID", undefined, `audit_log ${entry.id}: ${entry.entity} ${entry.entityId} ${entry.action}`);
  writer.end();
}

function writeSignature(writer: XmlWriter, signature: Pick<ExportSignature, "signerEmail" | "signedAt" | "meaning">, siteId: string, usersByEmail: Map<string, ExportUser>, attributes?: XmlAttributes) {
  const signer = usersByEmail.get(signature.signerEmail.toLowerCase());
  writer.start("Signature", attributes);
  writer.leaf("UserRef", { UserOID: signer ? userOid(signer.id) : `U.email:${signature.signerEmail}` });
  writer.leaf("LocationRef", { LocationOID: locationOid(siteId) });
  writer.leaf("SignatureRef", { SignatureOID: signatureDefOid(signature.meaning) });
  writer.leaf("DateTimeStamp", undefined, signature.signedAt);
  writer.end();
}

function writeItems<Row>(writer: XmlWriter, form: OdmForm<Row>, row: Row) {
  writer.start("ItemGroupData", { ItemGroupOID: form.itemGroup });
  for (const item of form.items) {
    const value = item.value(row);
    if (value === null || value === undefined || value === "") continue;
    writer.leaf("ItemData", { ItemOID: item.oid, Value: formatValue(value) });
  }
  writer.end();
}

function latestAuditByRecord(entries: readonly ExportAuditEntry[]): Map<string, ExportAuditEntry> {
  const latest = new Map<string, ExportAuditEntry>();
  for (const entry of entries) {
    const current = latest.get(entry.entityId);
    if (!current || entry.occurredAt > current.occurredAt || (entry.occurredAt === current.occurredAt && entry.id > current.id)) latest.set(entry.entityId, entry);
  }
  return latest;
}

/** The comment that ties a voided signature (ClinicalData/Signatures) and its void (AuditRecords) to the visit form. */
export function voidedSignatureComment(signature: ExportVoidedSignature): string {
  const audit = signature.voidAuditId ? `; audit record ${auditRecordId(signature.voidAuditId)}` : "";
  return (
    `Signature ${voidedSignatureId(signature.id)} (${signature.meaning}, ${signature.signerName} <${signature.signerEmail}>, signed ${signature.signedAt} for record version ${signature.recordVersion}) ` +
    `voided ${signature.voidedAt}${signature.voidedReason ? `: ${signature.voidedReason}` : ""}${audit}`
  );
}

function writeVoidedSignatureAnnotations(writer: XmlWriter, signatures: readonly ExportVoidedSignature[]) {
  signatures.forEach((signature, index) => {
    writer.start("Annotation", { SeqNum: index + 1 });
    writer.leaf("Comment", { SponsorOrSite: "Site" }, voidedSignatureComment(signature));
    writer.start("Flag").leaf("FlagValue", { CodeListOID: "CL.SIGNATURE_STATUS" }, "voided").end();
    writer.end();
  });
}

function visitEvent(record: ExportVisitRecord): { oid: string; repeatKey?: string } {
  if (record.unscheduled) return { oid: SE_UNSCHEDULED, repeatKey: record.visitId };
  if (record.planVersion === null) return { oid: SE_SAFETY_VISIT, repeatKey: record.visitId };
  return { oid: studyEventOid(record.planVersion, record.visitId) };
}

function writeSubject(writer: XmlWriter, bundle: OdmSubjectBundle, usersByEmail: Map<string, ExportUser>) {
  const { subject } = bundle;
  const latest = latestAuditByRecord(bundle.auditEntries);
  const formData = (oid: string, recordId: string, repeatKey?: string) => {
    writer.start("FormData", { FormOID: oid, FormRepeatKey: repeatKey });
    const audit = latest.get(recordId);
    if (audit) writeAuditRecord(writer, audit);
  };

  writer.start("SubjectData", { SubjectKey: subject.code });
  writer.leaf("SiteRef", { LocationOID: locationOid(subject.siteId) });

  writer.start("StudyEventData", { StudyEventOID: SE_SUBJECT });
  formData(F_SUBJECT, subject.id);
  writeItems(writer, SUBJECT_FORM, subject);
  writer.end().end();

  const voidedByRecord = new Map<string, ExportVoidedSignature[]>();
  for (const signature of [...bundle.voidedSignatures].sort((a, b) => (a.signedAt < b.signedAt ? -1 : a.signedAt > b.signedAt ? 1 : a.id < b.id ? -1 : 1))) {
    voidedByRecord.set(signature.visitRecordId, [...(voidedByRecord.get(signature.visitRecordId) ?? []), signature]);
  }
  const visits = [...bundle.visitRecords].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.visitId < b.visitId ? -1 : 1));
  for (const record of visits) {
    const event = visitEvent(record);
    writer.start("StudyEventData", { StudyEventOID: event.oid, StudyEventRepeatKey: event.repeatKey });
    formData(F_VISIT, record.id);
    if (record.signature?.valid) writeSignature(writer, record.signature, subject.siteId, usersByEmail);
    writeVoidedSignatureAnnotations(writer, voidedByRecord.get(record.id) ?? []);
    writeItems(writer, VISIT_FORM, record);
    writer.end().end();
  }

  if (SAFETY_FORMS.some((safety) => safety.count(bundle) > 0)) {
    writer.start("StudyEventData", { StudyEventOID: SE_SAFETY });
    for (const safety of SAFETY_FORMS) {
      safety.write(bundle, (form, row) => {
        formData(form.oid, row.id, row.id);
        writeItems(writer, form, row);
        writer.end();
      });
    }
    writer.end();
  }
  writer.end();
}

const SUBJECTS_PER_CHUNK = 50;
const AUDIT_ENTRIES_PER_CHUNK = 500;
const SIGNATURES_PER_CHUNK = 500;

function iteratorOf<T>(source: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
}

/**
 * The ODM file as a UTF-8 byte stream. Subjects and audit entries are read only as fast as
 * the consumer pulls; the metadata (plan versions, sites, users) is small and given whole.
 */
export function odmStream(input: OdmInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const writer = new XmlWriter();
  const usersByEmail = new Map(input.users.map((user) => [user.email.toLowerCase(), user]));
  let phase: "head" | "subjects" | "audit" | "signatures" | "done" = "head";
  let subjects: AsyncIterator<OdmSubjectBundle> | Iterator<OdmSubjectBundle> | null = null;
  let audit: AsyncIterator<ExportAuditEntry> | Iterator<ExportAuditEntry> | null = null;
  let signatures: AsyncIterator<ExportVoidedSignature> | Iterator<ExportVoidedSignature> | null = null;

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (phase === "head") {
        writer.declaration();
        writer.start("ODM", {
          xmlns: ODM_NAMESPACE,
          ODMVersion: "1.3.2",
          FileType: "Snapshot",
          Granularity: "All",
          FileOID: input.fileOid,
          CreationDateTime: input.generatedAt,
          AsOfDateTime: input.generatedAt,
          Originator: "LTFU",
          SourceSystem: "ltfu",
        });
        writer.start("Study", { OID: studyOid(input.study) });
        writer.start("GlobalVariables");
        writer.leaf("StudyName", undefined, input.study.name);
        writer.leaf("StudyDescription", undefined, `${input.study.code}: long-term follow-up of a gene therapy (CDE 2021)`);
        writer.leaf("ProtocolName", undefined, input.study.code);
        writer.end();
        writeMetaData(writer, input);
        writer.end();
        writeAdminData(writer, input);
        writer.start("ClinicalData", { StudyOID: studyOid(input.study), MetaDataVersionOID: MDV_OID });
        phase = "subjects";
        subjects = iteratorOf(input.subjects);
      } else if (phase === "subjects") {
        for (let count = 0; count < SUBJECTS_PER_CHUNK; count += 1) {
          const next = await subjects!.next();
          if (next.done) {
            phase = "audit";
            audit = iteratorOf(input.auditTrail);
            writer.start("AuditRecords");
            break;
          }
          writeSubject(writer, next.value, usersByEmail);
        }
      } else if (phase === "audit") {
        for (let count = 0; count < AUDIT_ENTRIES_PER_CHUNK; count += 1) {
          const next = await audit!.next();
          if (next.done) {
            writer.end(); // AuditRecords
            writer.start("Signatures");
            phase = "signatures";
            signatures = iteratorOf(input.voidedSignatures);
            break;
          }
          writeAuditRecord(writer, next.value, { ID: auditRecordId(next.value.id) });
        }
      } else if (phase === "signatures") {
        for (let count = 0; count < SIGNATURES_PER_CHUNK; count += 1) {
          const next = await signatures!.next();
          if (next.done) {
            writer.end(); // Signatures
            writer.end(); // ClinicalData
            writer.end(); // ODM
            phase = "done";
            break;
          }
          writeSignature(writer, next.value, next.value.siteId, usersByEmail, { ID: voidedSignatureId(next.value.id) });
        }
      }
      const text = writer.take();
      if (text) controller.enqueue(encoder.encode(text));
      if (phase === "done") controller.close();
    },
    async cancel() {
      await subjects?.return?.();
      await audit?.return?.();
      await signatures?.return?.();
    },
  });
}
