import "server-only";
import { ADVERSE_EVENT_RESOURCE_COLUMNS, adverseEventResource, ESCALATION_RESOURCE_COLUMNS, escalationResource, SAMPLE_RESULT_RESOURCE_COLUMNS, sampleResultResource } from "@/lib/api/safety-api";
import type { Db } from "@/lib/db/client";
import { keysetPages, PAGE_SIZE } from "@/lib/exports/services/keyset-pages";
import type { ExportScope } from "@/lib/exports/services/export-scope";
import type { ExportAdverseEvent, ExportEscalation, ExportSampleResult } from "@/lib/exports/types";

const adverseEventSelect = ADVERSE_EVENT_RESOURCE_COLUMNS;
type AdverseEventRow = Parameters<typeof adverseEventResource>[0];
const sampleResultSelect = SAMPLE_RESULT_RESOURCE_COLUMNS;
type SampleResultRow = Parameters<typeof sampleResultResource>[0];

/** Subject and site codes of the subjects of some rows (the safety tables relate to subjects in SQL only): one query. */
type SubjectCodes = Map<string, { code: string; siteCode: string }>;
async function loadSubjectCodes(db: Db, rows: { subjectId: string }[]): Promise<SubjectCodes> {
  const ids = [...new Set(rows.map((row) => row.subjectId))];
  if (ids.length === 0) return new Map();
  const subjects = await db.subject.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, site: { select: { code: true } } } });
  return new Map(subjects.map((s) => [s.id, { code: s.code, siteCode: s.site.code }]));
}

/** Rows mapped with the codes of their subjects (one query for all of them). */
async function withSubjectCodes<Row extends { subjectId: string }, Out>(db: Db, rows: Row[], map: (row: Row, codes: SubjectCodes) => Out): Promise<Out[]> {
  const codes = await loadSubjectCodes(db, rows);
  return rows.map((row) => map(row, codes));
}

const codesOf = (subjectId: string, codes: SubjectCodes) => ({ subjectCode: codes.get(subjectId)?.code ?? "", siteCode: codes.get(subjectId)?.siteCode ?? "" });

/**
 * The API's resource (CLINICAL-API-CONTRACT "Safety") with the subject's and site's codes,
 * without what the export does not carry: the AE's description and visit record, the
 * sample result's note (free text the exports leave out).
 */
function toExportAdverseEvent(row: AdverseEventRow, codes: SubjectCodes): ExportAdverseEvent {
  const { id, subjectId, description, visitRecordId, ...fields } = adverseEventResource(row);
  void [description, visitRecordId];
  return { id, subjectId, ...codesOf(subjectId, codes), ...fields };
}

function toExportSampleResult(row: SampleResultRow, codes: SubjectCodes): ExportSampleResult {
  const { id, subjectId, note, ...fields } = sampleResultResource(row);
  void note;
  return { id, subjectId, ...codesOf(subjectId, codes), ...fields };
}

/** The escalation resource with its firing record as the two columns the exports carry (exactly one is set). */
function toExportEscalation(row: Parameters<typeof escalationResource>[0]): ExportEscalation {
  const { source, version, ...fields } = escalationResource(row);
  return {
    ...fields,
    trigger: fields.trigger as ExportEscalation["trigger"],
    adverseEventId: source.type === "adverse_event" ? source.id : null,
    sampleResultId: source.type === "sample_result" ? source.id : null,
    version,
  };
}

const inScope = (scope: ExportScope) => ({ studyId: scope.study.id, siteId: { in: scope.siteIds } });

/** Every adverse event in scope, a page at a time (ordered by id). */
export async function* streamAdverseEvents(db: Db, scope: ExportScope): AsyncGenerator<ExportAdverseEvent> {
  if (scope.siteIds.length === 0) return;
  const pages = keysetPages("id", (after): Promise<AdverseEventRow[]> => db.adverseEvent.findMany({ where: { ...inScope(scope), ...after }, select: adverseEventSelect, orderBy: { id: "asc" }, take: PAGE_SIZE }));
  for await (const rows of pages) yield* await withSubjectCodes(db, rows, toExportAdverseEvent);
}

/** Every sample result in scope, a page at a time (ordered by id). */
export async function* streamSampleResults(db: Db, scope: ExportScope): AsyncGenerator<ExportSampleResult> {
  if (scope.siteIds.length === 0) return;
  const pages = keysetPages("id", (after): Promise<SampleResultRow[]> => db.sampleResult.findMany({ where: { ...inScope(scope), ...after }, select: sampleResultSelect, orderBy: { id: "asc" }, take: PAGE_SIZE }));
  for await (const rows of pages) yield* await withSubjectCodes(db, rows, toExportSampleResult);
}

export async function listAdverseEventsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportAdverseEvent[]> {
  if (subjectIds.length === 0) return [];
  const rows: AdverseEventRow[] = await db.adverseEvent.findMany({ where: { subjectId: { in: subjectIds } }, select: adverseEventSelect, orderBy: [{ onsetDate: "asc" }, { id: "asc" }] });
  return withSubjectCodes(db, rows, toExportAdverseEvent);
}

export async function listSampleResultsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportSampleResult[]> {
  if (subjectIds.length === 0) return [];
  const rows: SampleResultRow[] = await db.sampleResult.findMany({ where: { subjectId: { in: subjectIds } }, select: sampleResultSelect, orderBy: [{ collectedDate: "asc" }, { id: "asc" }] });
  return withSubjectCodes(db, rows, toExportSampleResult);
}

/** The escalations (safety signals) of some subjects, oldest first. */
export async function listEscalationsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportEscalation[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db.escalation.findMany({ where: { subjectId: { in: subjectIds } }, select: ESCALATION_RESOURCE_COLUMNS, orderBy: [{ openedDate: "asc" }, { id: "asc" }] });
  return rows.map(toExportEscalation);
}

/** Adverse events in scope with onset in [from, to], of one category if given. */
export async function listAdverseEventsWithOnset(db: Db, scope: ExportScope, period: { from: Date; to: Date }, filter: { category?: ExportAdverseEvent["category"] } = {}): Promise<ExportAdverseEvent[]> {
  if (scope.siteIds.length === 0) return [];
  const rows: AdverseEventRow[] = await db.adverseEvent.findMany({ where: { ...inScope(scope), onsetDate: { gte: period.from, lte: period.to }, ...(filter.category ? { category: filter.category } : {}) }, select: adverseEventSelect, orderBy: [{ onsetDate: "asc" }, { id: "asc" }] });
  return withSubjectCodes(db, rows, toExportAdverseEvent);
}
