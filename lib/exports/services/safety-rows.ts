import "server-only";
import type { Db } from "@/lib/db/client";
import { PAGE_SIZE } from "@/lib/exports/services/clinical-rows";
import type { ExportScope } from "@/lib/exports/services/export-scope";
import type { ExportAdverseEvent, ExportEscalation, ExportSampleResult } from "@/lib/exports/types";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

const adverseEventSelect = {
  id: true, subjectId: true, term: true, onsetDate: true, serious: true, seriousnessCriteria: true, grade: true, category: true,
  relatedness: true, outcome: true, possibleRcl: true, version: true,
} as const;

type AdverseEventRow = {
  id: string; subjectId: string; term: string; onsetDate: Date; serious: boolean; seriousnessCriteria: string[]; grade: number; category: string;
  relatedness: string; outcome: string; possibleRcl: boolean; version: number;
};

/** Subject and site codes of the subjects of some rows (the safety tables relate to subjects in SQL only): one query. */
type SubjectCodes = Map<string, { code: string; siteCode: string }>;
async function loadSubjectCodes(db: Db, rows: { subjectId: string }[]): Promise<SubjectCodes> {
  const ids = [...new Set(rows.map((row) => row.subjectId))];
  if (ids.length === 0) return new Map();
  const subjects = await db.subject.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, site: { select: { code: true } } } });
  return new Map(subjects.map((s) => [s.id, { code: s.code, siteCode: s.site.code }]));
}

function toExportAdverseEvent(row: AdverseEventRow, codes: SubjectCodes): ExportAdverseEvent {
  return {
    id: row.id,
    subjectId: row.subjectId,
    subjectCode: codes.get(row.subjectId)?.code ?? "",
    siteCode: codes.get(row.subjectId)?.siteCode ?? "",
    term: row.term,
    onsetDate: calendarDateFromDb(row.onsetDate),
    serious: row.serious,
    seriousnessCriteria: row.seriousnessCriteria,
    grade: row.grade,
    category: row.category as ExportAdverseEvent["category"],
    relatedness: row.relatedness as ExportAdverseEvent["relatedness"],
    outcome: row.outcome as ExportAdverseEvent["outcome"],
    possibleRcl: row.possibleRcl,
    version: row.version,
  };
}

const sampleResultSelect = {
  id: true, subjectId: true, kind: true, collectedDate: true, sampleType: true, surrogate: true, assay: true, detected: true, value: true, unit: true,
  dominantClone: true, clonalExpansion: true, nearOncogene: true, largestClonePercent: true, visitRecordId: true, version: true,
} as const;

type SampleResultRow = {
  id: string; subjectId: string; kind: string; collectedDate: Date; sampleType: string; surrogate: boolean; assay: string | null; detected: boolean;
  value: number | null; unit: string | null; dominantClone: boolean | null; clonalExpansion: boolean | null; nearOncogene: boolean | null;
  largestClonePercent: number | null; visitRecordId: string | null; version: number;
};

function toExportSampleResult(row: SampleResultRow, codes: SubjectCodes): ExportSampleResult {
  return {
    id: row.id,
    subjectId: row.subjectId,
    subjectCode: codes.get(row.subjectId)?.code ?? "",
    siteCode: codes.get(row.subjectId)?.siteCode ?? "",
    kind: row.kind,
    collectedDate: calendarDateFromDb(row.collectedDate),
    sampleType: row.sampleType,
    surrogate: row.surrogate,
    assay: row.assay,
    detected: row.detected,
    value: row.value,
    unit: row.unit,
    dominantClone: row.dominantClone,
    clonalExpansion: row.clonalExpansion,
    nearOncogene: row.nearOncogene,
    largestClonePercent: row.largestClonePercent,
    visitRecordId: row.visitRecordId,
    version: row.version,
  };
}

const inScope = (scope: ExportScope) => ({ studyId: scope.study.id, siteId: { in: scope.siteIds } });

/** Every adverse event in scope, a page at a time (ordered by id). */
export async function* streamAdverseEvents(db: Db, scope: ExportScope): AsyncGenerator<ExportAdverseEvent> {
  if (scope.siteIds.length === 0) return;
  let after: string | null = null;
  for (;;) {
    const rows: AdverseEventRow[] = await db.adverseEvent.findMany({ where: { ...inScope(scope), ...(after === null ? {} : { id: { gt: after } }) }, select: adverseEventSelect, orderBy: { id: "asc" }, take: PAGE_SIZE });
    const codes = await loadSubjectCodes(db, rows);
    for (const row of rows) yield toExportAdverseEvent(row, codes);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Every sample result in scope, a page at a time (ordered by id). */
export async function* streamSampleResults(db: Db, scope: ExportScope): AsyncGenerator<ExportSampleResult> {
  if (scope.siteIds.length === 0) return;
  let after: string | null = null;
  for (;;) {
    const rows: SampleResultRow[] = await db.sampleResult.findMany({ where: { ...inScope(scope), ...(after === null ? {} : { id: { gt: after } }) }, select: sampleResultSelect, orderBy: { id: "asc" }, take: PAGE_SIZE });
    const codes = await loadSubjectCodes(db, rows);
    for (const row of rows) yield toExportSampleResult(row, codes);
    if (rows.length < PAGE_SIZE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function listAdverseEventsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportAdverseEvent[]> {
  if (subjectIds.length === 0) return [];
  const rows: AdverseEventRow[] = await db.adverseEvent.findMany({ where: { subjectId: { in: subjectIds } }, select: adverseEventSelect, orderBy: [{ onsetDate: "asc" }, { id: "asc" }] });
  const codes = await loadSubjectCodes(db, rows);
  return rows.map((row) => toExportAdverseEvent(row, codes));
}

export async function listSampleResultsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportSampleResult[]> {
  if (subjectIds.length === 0) return [];
  const rows: SampleResultRow[] = await db.sampleResult.findMany({ where: { subjectId: { in: subjectIds } }, select: sampleResultSelect, orderBy: [{ collectedDate: "asc" }, { id: "asc" }] });
  const codes = await loadSubjectCodes(db, rows);
  return rows.map((row) => toExportSampleResult(row, codes));
}

/** The escalations (safety signals) of some subjects, oldest first. */
export async function listEscalationsOfSubjects(db: Db, subjectIds: string[]): Promise<ExportEscalation[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db.escalation.findMany({
    where: { subjectId: { in: subjectIds } },
    select: { id: true, subjectId: true, trigger: true, action: true, citation: true, openedDate: true, dueDate: true, status: true, resolvedDate: true, note: true, adverseEventId: true, sampleResultId: true, version: true },
    orderBy: [{ openedDate: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    subjectId: row.subjectId,
    trigger: row.trigger as ExportEscalation["trigger"],
    action: row.action,
    citation: row.citation,
    openedDate: calendarDateFromDb(row.openedDate),
    dueDate: row.dueDate ? calendarDateFromDb(row.dueDate) : null,
    status: row.status as ExportEscalation["status"],
    resolvedDate: row.resolvedDate ? calendarDateFromDb(row.resolvedDate) : null,
    note: row.note,
    adverseEventId: row.adverseEventId,
    sampleResultId: row.sampleResultId,
    version: row.version,
  }));
}

/** Adverse events in scope with onset in [from, to], of one category if given. */
export async function listAdverseEventsWithOnset(db: Db, scope: ExportScope, period: { from: Date; to: Date }, filter: { category?: ExportAdverseEvent["category"] } = {}): Promise<ExportAdverseEvent[]> {
  if (scope.siteIds.length === 0) return [];
  const rows: AdverseEventRow[] = await db.adverseEvent.findMany({ where: { ...inScope(scope), onsetDate: { gte: period.from, lte: period.to }, ...(filter.category ? { category: filter.category } : {}) }, select: adverseEventSelect, orderBy: [{ onsetDate: "asc" }, { id: "asc" }] });
  const codes = await loadSubjectCodes(db, rows);
  return rows.map((row) => toExportAdverseEvent(row, codes));
}
