import { stringify } from "csv-stringify/sync";
import type { ExportAdverseEvent, ExportSampleResult, ExportSubject, ExportVisitRecord } from "@/lib/exports/types";

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only with it (Chinese text otherwise breaks). */
export const UTF8_BOM = "\uFEFF";

// RFC 4180: CRLF between records, fields with comma, quote or line break quoted, quotes doubled.
// csv-stringify quotes only the configured record delimiter, so a lone LF inside a field would
// go out bare: quoted_match quotes any field holding CR or LF. Strings that a spreadsheet would
// run as a formula (=, +, -, @, tab, CR first) get a leading apostrophe (csv-stringify's
// escape_formulas); numbers are written as numbers and untouched.
const STRINGIFY_OPTIONS = {
  record_delimiter: "windows",
  escape_formulas: true,
  quoted_match: /[\r\n]/,
  cast: { boolean: (value: boolean) => (value ? "true" : "false") },
} as const;

/** Rows stringified per pull: bounds memory, keeps chunk counts low on large exports. */
const ROWS_PER_CHUNK = 500;

/**
 * An RFC 4180 CSV file as a byte stream: BOM, header row, then one record per row, read from
 * `rows` only as fast as the consumer pulls (so a 100,000-subject export never sits in memory).
 * Cancelling the stream closes the source iterator (its database cursor, for instance).
 */
export function csvStream<Row>(rows: AsyncIterable<Row> | Iterable<Row>, columns: readonly CsvColumn<Row>[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<Row> | Iterator<Row> | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(UTF8_BOM + stringify([columns.map((column) => column.header)], STRINGIFY_OPTIONS)));
        return;
      }
      iterator ??= Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
      const records: CsvValue[][] = [];
      while (records.length < ROWS_PER_CHUNK) {
        const next = await iterator.next();
        if (next.done) break;
        records.push(columns.map((column) => column.value(next.value)));
      }
      if (records.length > 0) controller.enqueue(encoder.encode(stringify(records, STRINGIFY_OPTIONS)));
      if (records.length < ROWS_PER_CHUNK) controller.close();
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

/** The whole CSV as one string, BOM included (small files: the DSUR, tests). */
export async function csvText<Row>(rows: AsyncIterable<Row> | Iterable<Row>, columns: readonly CsvColumn<Row>[]): Promise<string> {
  return readStreamText(csvStream(rows, columns));
}

/** A UTF-8 byte stream as text, keeping a byte order mark (TextDecoder and Response.text drop it). */
export async function readStreamText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let text = "";
  const reader = stream.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text + decoder.decode();
}

const joinList = (values: readonly string[] | undefined | null) => (values && values.length > 0 ? values.join("; ") : null);

export const SUBJECT_COLUMNS: readonly CsvColumn<ExportSubject>[] = [
  { header: "id", value: (s) => s.id },
  { header: "studyId", value: (s) => s.studyId },
  { header: "siteId", value: (s) => s.siteId },
  { header: "siteCode", value: (s) => s.siteCode },
  { header: "code", value: (s) => s.code },
  { header: "yearOfBirth", value: (s) => s.yearOfBirth },
  { header: "sex", value: (s) => s.sex },
  { header: "dosingDate", value: (s) => s.dosingDate },
  { header: "lot", value: (s) => s.lot },
  { header: "status", value: (s) => s.status },
  { header: "statusDate", value: (s) => s.statusDate },
  { header: "consentVersion", value: (s) => s.consentVersion },
  { header: "consentDate", value: (s) => s.consentDate },
  { header: "reconsentDue", value: (s) => s.reconsentDue },
  { header: "extensionActive", value: (s) => s.extension.active },
  { header: "extensionSince", value: (s) => s.extension.since },
  { header: "version", value: (s) => s.version },
];

export const VISIT_COLUMNS: readonly CsvColumn<ExportVisitRecord>[] = [
  { header: "id", value: (v) => v.id },
  { header: "subjectId", value: (v) => v.subjectId },
  { header: "subjectCode", value: (v) => v.subjectCode },
  { header: "siteCode", value: (v) => v.siteCode },
  { header: "visitId", value: (v) => v.visitId },
  { header: "planVersion", value: (v) => v.planVersion },
  { header: "unscheduled", value: (v) => v.unscheduled },
  { header: "status", value: (v) => v.status },
  { header: "date", value: (v) => v.date },
  { header: "contactMode", value: (v) => v.contactMode },
  { header: "history", value: (v) => v.assessments?.history },
  { header: "drugExposure", value: (v) => v.assessments?.drugExposure },
  { header: "newOrWorsenedDisease", value: (v) => joinList(v.assessments?.newOrWorsenedDisease) },
  { header: "physicalExam", value: (v) => v.assessments?.physicalExam },
  { header: "labs", value: (v) => v.assessments?.labs },
  { header: "pregnancy", value: (v) => v.assessments?.pregnancy },
  { header: "reason", value: (v) => v.reason },
  { header: "version", value: (v) => v.version },
  { header: "signatureSignerName", value: (v) => v.signature?.signerName },
  { header: "signatureSignerEmail", value: (v) => v.signature?.signerEmail },
  { header: "signatureSignedAt", value: (v) => v.signature?.signedAt },
  { header: "signatureMeaning", value: (v) => v.signature?.meaning },
  { header: "signatureValid", value: (v) => v.signature?.valid },
];

export const ADVERSE_EVENT_COLUMNS: readonly CsvColumn<ExportAdverseEvent>[] = [
  { header: "id", value: (a) => a.id },
  { header: "subjectId", value: (a) => a.subjectId },
  { header: "subjectCode", value: (a) => a.subjectCode },
  { header: "siteCode", value: (a) => a.siteCode },
  { header: "term", value: (a) => a.term },
  { header: "onsetDate", value: (a) => a.onsetDate },
  { header: "serious", value: (a) => a.serious },
  { header: "seriousnessCriteria", value: (a) => joinList(a.seriousnessCriteria) },
  { header: "grade", value: (a) => a.grade },
  { header: "category", value: (a) => a.category },
  { header: "relatedness", value: (a) => a.relatedness },
  { header: "outcome", value: (a) => a.outcome },
  { header: "possibleRcl", value: (a) => a.possibleRcl },
  { header: "version", value: (a) => a.version },
];

export const SAMPLE_RESULT_COLUMNS: readonly CsvColumn<ExportSampleResult>[] = [
  { header: "id", value: (r) => r.id },
  { header: "subjectId", value: (r) => r.subjectId },
  { header: "subjectCode", value: (r) => r.subjectCode },
  { header: "siteCode", value: (r) => r.siteCode },
  { header: "kind", value: (r) => r.kind },
  { header: "collectedDate", value: (r) => r.collectedDate },
  { header: "sampleType", value: (r) => r.sampleType },
  { header: "surrogate", value: (r) => r.surrogate },
  { header: "assay", value: (r) => r.assay },
  { header: "detected", value: (r) => r.detected },
  { header: "value", value: (r) => r.value },
  { header: "unit", value: (r) => r.unit },
  { header: "dominantClone", value: (r) => r.dominantClone },
  { header: "clonalExpansion", value: (r) => r.clonalExpansion },
  { header: "nearOncogene", value: (r) => r.nearOncogene },
  { header: "largestClonePercent", value: (r) => r.largestClonePercent },
  { header: "visitRecordId", value: (r) => r.visitRecordId },
  { header: "version", value: (r) => r.version },
];
