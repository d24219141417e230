import { stringify } from "csv-stringify/sync";
import { ADVERSE_EVENT_FIELDS, SAMPLE_RESULT_FIELDS, SUBJECT_FIELDS, VISIT_FIELDS, type ExportField, type FieldValue, type PlainKey } from "@/lib/exports/fields";
import type { ExportAdverseEvent, ExportSampleResult, ExportSubject, ExportVisitRecord } from "@/lib/exports/types";

export type CsvValue = FieldValue;

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

/** CSV columns of export fields, in their order. */
const columns = <Row>(fields: readonly ExportField<Row>[]): CsvColumn<Row>[] => fields.map((field) => ({ header: field.name, value: field.value }));
/** Columns that write the row's keys of the same names as they are. */
export const keyColumns = <Row>(...keys: PlainKey<Row>[]): CsvColumn<Row>[] => keys.map((key) => ({ header: key, value: (row) => row[key] as CsvValue }));

/** The keys that tie a record to its subject and site, first in every CSV of records. */
const RECORD_KEYS = ["id", "subjectId", "subjectCode", "siteCode"] as const;

export const SUBJECT_COLUMNS: readonly CsvColumn<ExportSubject>[] = [...keyColumns<ExportSubject>("id", "studyId", "siteId", "siteCode", "code"), ...columns(SUBJECT_FIELDS)];

export const VISIT_COLUMNS: readonly CsvColumn<ExportVisitRecord>[] = [
  ...keyColumns<ExportVisitRecord>(...RECORD_KEYS),
  ...columns(VISIT_FIELDS),
  { header: "signatureSignerName", value: (v) => v.signature?.signerName },
  { header: "signatureSignerEmail", value: (v) => v.signature?.signerEmail },
  { header: "signatureSignedAt", value: (v) => v.signature?.signedAt },
  { header: "signatureMeaning", value: (v) => v.signature?.meaning },
  { header: "signatureValid", value: (v) => v.signature?.valid },
];

export const ADVERSE_EVENT_COLUMNS: readonly CsvColumn<ExportAdverseEvent>[] = [...keyColumns<ExportAdverseEvent>(...RECORD_KEYS), ...columns(ADVERSE_EVENT_FIELDS)];

export const SAMPLE_RESULT_COLUMNS: readonly CsvColumn<ExportSampleResult>[] = [...keyColumns<ExportSampleResult>(...RECORD_KEYS), ...columns(SAMPLE_RESULT_FIELDS)];
