import type { ExportAdverseEvent, ExportEscalation, ExportSampleResult, ExportSubject, ExportVisitRecord, VisitAssessments } from "@/lib/exports/types";

/**
 * The fields of each exported record, once, in export order: the name (CSV header, ODM item
 * name and, in upper snake case, its OID), the ODM data type and code list, and how to read the
 * value from the row. csv.ts turns them into columns after the record's keys, odm.ts into the
 * items of its forms; adding a field to a resource means adding one line here.
 */

export type FieldValue = string | number | boolean | null | undefined;
export type FieldDataType = "text" | "integer" | "float" | "date" | "datetime" | "boolean";

export interface ExportField<Row> {
  name: string;
  dataType: FieldDataType;
  codeList?: string;
  value: (row: Row) => FieldValue;
}

/** The keys of `Row` whose values can be written as they are. */
export type PlainKey<Row> = { [K in keyof Row]: Row[K] extends FieldValue ? K : never }[keyof Row] & string;

/** Field builders for one kind of row: `own` reads the row's key of the field's name, `derived` computes the value. */
function fieldsOf<Row>() {
  return {
    own: (name: PlainKey<Row>, dataType: FieldDataType, codeList?: string): ExportField<Row> => ({ name, dataType, codeList, value: (row) => row[name] as FieldValue }),
    derived: (name: string, dataType: FieldDataType, value: (row: Row) => FieldValue): ExportField<Row> => ({ name, dataType, value }),
  };
}

/** Lists as one text value (`a; b`), absent when empty. */
const joinList = (values: readonly string[] | undefined | null) => (values && values.length > 0 ? values.join("; ") : null);

const subject = fieldsOf<ExportSubject>();
/** A subject's data (after its keys id, studyId, siteId, siteCode, code). */
export const SUBJECT_FIELDS: readonly ExportField<ExportSubject>[] = [
  subject.own("yearOfBirth", "integer"),
  subject.own("sex", "text", "CL.SEX"),
  subject.own("dosingDate", "date"),
  subject.own("lot", "text"),
  subject.own("status", "text", "CL.SUBJECT_STATUS"),
  subject.own("statusDate", "date"),
  subject.own("consentVersion", "integer"),
  subject.own("consentDate", "date"),
  subject.own("reconsentDue", "boolean"),
  subject.derived("extensionActive", "boolean", (s) => s.extension.active),
  subject.derived("extensionSince", "date", (s) => s.extension.since),
  subject.own("version", "integer"),
];

const visit = fieldsOf<ExportVisitRecord>();
/** One item of the §2.3.2 checklist (absent on a missed visit). */
const assessment = (name: keyof VisitAssessments, dataType: FieldDataType) =>
  visit.derived(name, dataType, (v) => {
    const value = v.assessments?.[name];
    return Array.isArray(value) ? joinList(value) : value;
  });
/** A visit record's data with the §2.3.2 checklist flattened (after its keys; the signature is CSV-only). */
export const VISIT_FIELDS: readonly ExportField<ExportVisitRecord>[] = [
  visit.own("visitId", "text"),
  visit.own("planVersion", "integer"),
  visit.own("unscheduled", "boolean"),
  visit.own("status", "text", "CL.VISIT_STATUS"),
  visit.own("date", "date"),
  visit.own("contactMode", "text"),
  assessment("history", "boolean"),
  assessment("drugExposure", "text"),
  assessment("newOrWorsenedDisease", "text"),
  assessment("physicalExam", "boolean"),
  assessment("labs", "boolean"),
  assessment("pregnancy", "text"),
  visit.own("reason", "text"),
  visit.own("version", "integer"),
];

const adverseEvent = fieldsOf<ExportAdverseEvent>();
export const ADVERSE_EVENT_FIELDS: readonly ExportField<ExportAdverseEvent>[] = [
  adverseEvent.own("term", "text"),
  adverseEvent.own("onsetDate", "date"),
  adverseEvent.own("serious", "boolean"),
  adverseEvent.derived("seriousnessCriteria", "text", (a) => joinList(a.seriousnessCriteria)),
  adverseEvent.own("grade", "integer"),
  adverseEvent.own("category", "text", "CL.AE_CATEGORY"),
  adverseEvent.own("relatedness", "text", "CL.RELATEDNESS"),
  adverseEvent.own("outcome", "text", "CL.AE_OUTCOME"),
  adverseEvent.own("possibleRcl", "boolean"),
  adverseEvent.own("version", "integer"),
];

const sample = fieldsOf<ExportSampleResult>();
export const SAMPLE_RESULT_FIELDS: readonly ExportField<ExportSampleResult>[] = [
  sample.own("kind", "text", "CL.SAMPLE_KIND"),
  sample.own("collectedDate", "date"),
  sample.own("sampleType", "text"),
  sample.own("surrogate", "boolean"),
  sample.own("assay", "text"),
  sample.own("detected", "boolean"),
  sample.own("value", "float"),
  sample.own("unit", "text"),
  sample.own("dominantClone", "boolean"),
  sample.own("clonalExpansion", "boolean"),
  sample.own("nearOncogene", "boolean"),
  sample.own("largestClonePercent", "float"),
  sample.own("visitRecordId", "text"),
  sample.own("version", "integer"),
];

const escalation = fieldsOf<ExportEscalation>();
/** An escalation (safety signal): ODM only. */
export const ESCALATION_FIELDS: readonly ExportField<ExportEscalation>[] = [
  escalation.own("trigger", "text", "CL.TRIGGER"),
  escalation.own("action", "text"),
  escalation.own("citation", "text"),
  escalation.own("openedDate", "date"),
  escalation.own("dueDate", "date"),
  escalation.own("status", "text", "CL.ESCALATION_STATUS"),
  escalation.own("resolvedDate", "date"),
  escalation.own("note", "text"),
  escalation.own("adverseEventId", "text"),
  escalation.own("sampleResultId", "text"),
  escalation.own("version", "integer"),
];

/** The record id as a field (ODM's first item of each record form). */
export function idField<Row extends { id: string }>(): ExportField<Row> {
  return { name: "id", dataType: "text", value: (row) => row.id };
}
