import { z } from "zod";
import type { AdverseEventRow, EscalationRow, SampleResultRow } from "@/lib/db/safety";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, ESCALATION_STATUSES, SAMPLE_RESULT_KINDS } from "@/lib/validation/safety";

/** Resources of CLINICAL-API-CONTRACT "Safety" (contract fields first; extra fields are additions). */
export const ZEscalationResource = z.object({
  id: z.string(),
  subjectId: z.string(),
  trigger: z.string(),
  action: z.string(),
  citation: z.string(),
  openedDate: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(ESCALATION_STATUSES),
  resolvedDate: z.string().nullable(),
  note: z.string().nullable(),
  source: z.object({ type: z.enum(["sample_result", "adverse_event"]), id: z.string() }),
  version: z.number().int(),
});
export type TEscalationResource = z.infer<typeof ZEscalationResource>;

/** The columns `escalationResource` reads: a query whose rows it maps selects at least these. */
export const ESCALATION_RESOURCE_COLUMNS = {
  id: true, subjectId: true, trigger: true, action: true, citation: true, openedDate: true, dueDate: true, status: true, resolvedDate: true, note: true,
  adverseEventId: true, sampleResultId: true, version: true,
} as const;

export function escalationResource(row: Pick<EscalationRow, keyof typeof ESCALATION_RESOURCE_COLUMNS>): TEscalationResource {
  return {
    id: row.id,
    subjectId: row.subjectId,
    trigger: row.trigger,
    action: row.action,
    citation: row.citation,
    openedDate: calendarDateFromDb(row.openedDate),
    dueDate: row.dueDate ? calendarDateFromDb(row.dueDate) : null,
    status: row.status as TEscalationResource["status"],
    resolvedDate: row.resolvedDate ? calendarDateFromDb(row.resolvedDate) : null,
    note: row.note,
    source: row.sampleResultId ? { type: "sample_result", id: row.sampleResultId } : { type: "adverse_event", id: row.adverseEventId! },
    version: row.version,
  };
}

export const ZAdverseEventResource = z.object({
  id: z.string(),
  subjectId: z.string(),
  term: z.string(),
  onsetDate: z.string(),
  serious: z.boolean(),
  seriousnessCriteria: z.array(z.string()),
  grade: z.number().int(),
  category: z.enum(AE_CATEGORIES),
  relatedness: z.enum(AE_RELATEDNESS),
  outcome: z.enum(AE_OUTCOMES),
  possibleRcl: z.boolean(),
  visitRecordId: z.string().nullable(),
  description: z.string().nullable(),
  version: z.number().int(),
});

/** The columns `adverseEventResource` reads. */
export const ADVERSE_EVENT_RESOURCE_COLUMNS = {
  id: true, subjectId: true, term: true, onsetDate: true, serious: true, seriousnessCriteria: true, grade: true, category: true, relatedness: true,
  outcome: true, possibleRcl: true, visitRecordId: true, description: true, version: true,
} as const;

export function adverseEventResource(row: Pick<AdverseEventRow, keyof typeof ADVERSE_EVENT_RESOURCE_COLUMNS>): z.infer<typeof ZAdverseEventResource> {
  return {
    id: row.id,
    subjectId: row.subjectId,
    term: row.term,
    onsetDate: calendarDateFromDb(row.onsetDate),
    serious: row.serious,
    seriousnessCriteria: row.seriousnessCriteria,
    grade: row.grade,
    category: row.category as (typeof AE_CATEGORIES)[number],
    relatedness: row.relatedness as (typeof AE_RELATEDNESS)[number],
    outcome: row.outcome as (typeof AE_OUTCOMES)[number],
    possibleRcl: row.possibleRcl,
    visitRecordId: row.visitRecordId,
    description: row.description,
    version: row.version,
  };
}

export const ZSampleResultResource = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: z.enum(SAMPLE_RESULT_KINDS),
  collectedDate: z.string(),
  sampleType: z.string(),
  surrogate: z.boolean(),
  assay: z.string().nullable(),
  detected: z.boolean(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
  dominantClone: z.boolean().nullable(),
  clonalExpansion: z.boolean().nullable(),
  nearOncogene: z.boolean().nullable(),
  largestClonePercent: z.number().nullable(),
  visitRecordId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

/** The columns `sampleResultResource` reads. */
export const SAMPLE_RESULT_RESOURCE_COLUMNS = {
  id: true, subjectId: true, kind: true, collectedDate: true, sampleType: true, surrogate: true, assay: true, detected: true, value: true, unit: true,
  dominantClone: true, clonalExpansion: true, nearOncogene: true, largestClonePercent: true, visitRecordId: true, note: true, version: true,
} as const;

export function sampleResultResource(row: Pick<SampleResultRow, keyof typeof SAMPLE_RESULT_RESOURCE_COLUMNS>): z.infer<typeof ZSampleResultResource> {
  return {
    id: row.id,
    subjectId: row.subjectId,
    kind: row.kind as (typeof SAMPLE_RESULT_KINDS)[number],
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
    note: row.note,
    version: row.version,
  };
}
