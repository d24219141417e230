import type { Trigger } from "@/lib/rules/derive-requirements";
import type { TriggerId } from "@/lib/rules/rule-set";
import { addMonths, formatCalendarDate, parseCalendarDate, type DayNumber } from "@/lib/schedule/calendar-date";
import type { TPlatform } from "@/lib/validation/profile";
import { PERSISTENCE_RESULT_KINDS, SUSPECTED_RELATEDNESS, type TAeRelatedness, type TSampleResultKind } from "@/lib/validation/safety";

/** What of the product's derivation the triggers read (RULES-CONTRACT.md output). */
export interface SafetyDerivation {
  extendUntilNoRisk: boolean;
  triggers: readonly Trigger[];
}

/** A sample result as the triggers read it. */
export interface SampleResultFacts {
  id: string;
  kind: TSampleResultKind;
  collectedDate: string;
  detected: boolean;
  value?: number | null;
  dominantClone?: boolean | null;
  clonalExpansion?: boolean | null;
  nearOncogene?: boolean | null;
}

/** An adverse event as the triggers read it. */
export interface AdverseEventFacts {
  id: string;
  onsetDate: string;
  relatedness: TAeRelatedness;
  possibleRcl: boolean;
}

export interface TriggerInput {
  /** The derivation of the product's current risk profile: a trigger it does not list never fires. */
  derivation: SafetyDerivation;
  platform: TPlatform;
  /** `monitoring.expectedVectorPositivePercentMax` of the product; null: not set, the first trigger cannot fire. */
  expectedVectorPositivePercentMax: number | null;
  /** The subject's planned follow-up end (SCHEDULE-CONTRACT.md `followUpEnd`). */
  followUpEnd: string;
  /** The subject's results, in the order they were saved (ties of date are read in this order). */
  results: readonly SampleResultFacts[];
  adverseEvents: readonly AdverseEventFacts[];
  /** The day of evaluation; records after it are not yet known. */
  asOf: string;
}

export type EscalationSourceType = "sample_result" | "adverse_event";

/** An escalation the data calls for (CLINICAL-API-CONTRACT.md "Safety"), before it is stored. */
export interface EscalationDraft {
  trigger: TriggerId;
  action: string;
  citation: string;
  openedDate: string;
  /** `openedDate` + the trigger's `withinMonths`; null where the guideline names no deadline. */
  dueDate: string | null;
  /** The record that fired it (for `persistence_at_period_end`: the latest detected result). */
  source: { type: EscalationSourceType; id: string };
}

/** What identifies an escalation already opened, so that a save never opens it twice. */
export interface EscalationKeyFacts {
  trigger: TriggerId;
  sourceType: EscalationSourceType;
  sourceId: string;
}

/** Platforms for which an AE possibly linked to replication-competent virus calls for RCL/RCR testing (CDE §2.4.1). */
export const RETROVIRAL_PLATFORMS: ReadonlySet<TPlatform> = new Set(["gamma_retrovirus", "lentivirus", "other_retrovirus"]);

function day(text: string): DayNumber {
  const value = parseCalendarDate(text);
  if (value === null) throw new RangeError(`not a calendar date: ${text}`);
  return value;
}

/** `date` + `months` calendar months (the month's last day where the day does not exist). */
export function addMonthsToDate(date: string, months: number): string {
  return formatCalendarDate(addMonths(day(date), months));
}

function draftOf(trigger: Trigger, openedDate: string, source: EscalationDraft["source"]): EscalationDraft {
  return {
    trigger: trigger.id,
    action: trigger.action,
    citation: trigger.citation,
    openedDate,
    dueDate: trigger.withinMonths === null ? null : addMonthsToDate(openedDate, trigger.withinMonths),
    source,
  };
}

/**
 * The subject's persistence / vector-copy-number results up to `asOf`, oldest first; results of
 * the same day keep the order they were saved in, so the last one of a day is the latest.
 */
export function listPersistenceResults<T extends SampleResultFacts>(results: readonly T[], asOf: string): T[] {
  return results
    .map((result, index) => ({ result, index }))
    .filter(({ result }) => PERSISTENCE_RESULT_KINDS.has(result.kind) && result.collectedDate <= asOf)
    .sort((a, b) => (a.result.collectedDate < b.result.collectedDate ? -1 : a.result.collectedDate > b.result.collectedDate ? 1 : a.index - b.index))
    .map(({ result }) => result);
}

/**
 * Every escalation the subject's data call for at `asOf`, exactly as the contract's table says,
 * one per (trigger, record) — and `persistence_at_period_end` once. A trigger the product's
 * derivation does not list never fires. Pure: the same input gives the same list, in the order
 * results, then adverse events, then the period end.
 */
export function evaluateTriggers(input: TriggerInput): EscalationDraft[] {
  const listed = new Map<TriggerId, Trigger>(input.derivation.triggers.map((trigger) => [trigger.id, trigger]));
  const drafts: EscalationDraft[] = [];
  const fire = (id: TriggerId, openedDate: string, source: EscalationDraft["source"]) => {
    const trigger = listed.get(id);
    if (trigger) drafts.push(draftOf(trigger, openedDate, source));
  };

  for (const result of input.results) {
    if (result.collectedDate > input.asOf) continue;
    const source = { type: "sample_result" as const, id: result.id };
    const max = input.expectedVectorPositivePercentMax;
    if (result.kind === "vector_positive_percent" && max !== null && typeof result.value === "number" && result.value > max) {
      fire("vector_positive_above_expected", result.collectedDate, source);
    }
    if (result.dominantClone === true) fire("dominant_clone", result.collectedDate, source);
    if (result.clonalExpansion === true || result.nearOncogene === true) fire("clonal_expansion_or_oncogene_site", result.collectedDate, source);
  }

  for (const ae of input.adverseEvents) {
    if (ae.onsetDate > input.asOf) continue;
    const source = { type: "adverse_event" as const, id: ae.id };
    if (ae.possibleRcl && RETROVIRAL_PLATFORMS.has(input.platform)) fire("rcl_rcr_suspected_ae", ae.onsetDate, source);
    if (SUSPECTED_RELATEDNESS.has(ae.relatedness)) fire("suspected_related_ae", ae.onsetDate, source);
  }

  if (input.derivation.extendUntilNoRisk && input.asOf >= input.followUpEnd) {
    const latest = listPersistenceResults(input.results, input.asOf).at(-1);
    if (latest?.detected) {
      fire("persistence_at_period_end", latest.collectedDate > input.followUpEnd ? latest.collectedDate : input.followUpEnd, { type: "sample_result", id: latest.id });
    }
  }
  return drafts;
}

/** One key per escalation: the trigger and its record; the period-end escalation is opened once per subject. */
export function escalationKey(escalation: EscalationKeyFacts): string {
  return escalation.trigger === "persistence_at_period_end" ? escalation.trigger : `${escalation.trigger}:${escalation.sourceType}:${escalation.sourceId}`;
}

/**
 * The escalations a save opens: those the data call for that are not already open or resolved
 * (a resolved escalation stays resolved; the same record never opens the same trigger twice).
 */
export function listEscalationsToOpen(input: TriggerInput, existing: readonly EscalationKeyFacts[]): EscalationDraft[] {
  const opened = new Set(existing.map(escalationKey));
  const result: EscalationDraft[] = [];
  for (const draft of evaluateTriggers(input)) {
    const key = escalationKey({ trigger: draft.trigger, sourceType: draft.source.type, sourceId: draft.source.id });
    if (opened.has(key)) continue;
    opened.add(key);
    result.push(draft);
  }
  return result;
}
