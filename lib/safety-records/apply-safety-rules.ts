import "server-only";
import type { Actor, SystemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { deriveRequirements, type Derivation } from "@/lib/rules/derive-requirements";
import type { TriggerId } from "@/lib/rules/rule-set";
import { listEscalationsToOpen, type SampleResultFacts } from "@/lib/safety/evaluate-triggers";
import { buildSafetyEvents, computeExtension, type EscalationFacts, type ExtensionState, type SafetyEvent } from "@/lib/safety/safety-events";
import { scheduleFromStored, toSchedulePlanVersions, toScheduleSubject } from "@/lib/subjects/schedule-rows";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { ZRiskProfile, type TPlatform } from "@/lib/validation/profile";
import type { TAeRelatedness, TSampleResultKind } from "@/lib/validation/safety";

/** What the safety rules read of a subject (a row of lib/db/subjects.ts or the subject table). */
export interface SafetySubject {
  id: string;
  organizationId: string;
  studyId: string;
  siteId: string;
  dosingDate: Date;
  status: string;
  statusDate: Date | null;
}

/** The product's side of the rules: its current derivation, platform and expected range. */
export interface ProductRules {
  derivation: Derivation;
  platform: TPlatform;
  expectedVectorPositivePercentMax: number | null;
}

/**
 * The product rules of a study: one raw query (Prisma's nested select was three — study,
 * product, profile version — on every subject page and every safety save).
 */
export async function loadProductRules(tx: Tx, studyId: string): Promise<ProductRules> {
  const [row] = await tx.$queryRaw<Array<{ profile: unknown; expectedVectorPositivePercentMax: number | null }>>`
    SELECT p."expectedVectorPositivePercentMax",
      (SELECT r."profile" FROM "risk_profile_version" r WHERE r."productId" = p."id" ORDER BY r."version" DESC LIMIT 1) AS "profile"
    FROM "study" s JOIN "product" p ON p."id" = s."productId"
    WHERE s."id" = ${studyId}`;
  if (!row) throw new Error(`study ${studyId} not found`);
  const profile = ZRiskProfile.parse(row.profile);
  return { derivation: deriveRequirements(profile), platform: profile.platform, expectedVectorPositivePercentMax: row.expectedVectorPositivePercentMax };
}

export function toResultFacts(row: { id: string; kind: string; collectedDate: Date; detected: boolean; value: number | null; dominantClone: boolean | null; clonalExpansion: boolean | null; nearOncogene: boolean | null }): SampleResultFacts {
  return {
    id: row.id,
    kind: row.kind as TSampleResultKind,
    collectedDate: calendarDateFromDb(row.collectedDate),
    detected: row.detected,
    value: row.value,
    dominantClone: row.dominantClone,
    clonalExpansion: row.clonalExpansion,
    nearOncogene: row.nearOncogene,
  };
}

export function toEscalationFacts(row: { id: string; trigger: string; openedDate: Date; dueDate: Date | null; status: string; resolvedDate: Date | null }): EscalationFacts {
  return {
    id: row.id,
    trigger: row.trigger as TriggerId,
    openedDate: calendarDateFromDb(row.openedDate),
    dueDate: row.dueDate ? calendarDateFromDb(row.dueDate) : null,
    status: row.status as "open" | "resolved",
    resolvedDate: row.resolvedDate ? calendarDateFromDb(row.resolvedDate) : null,
  };
}

/** The subject's `extension: { active, since }` at `asOf` from already loaded data (no stored state). */
export function extensionOf(rules: ProductRules, followUpEnd: string | null, results: SampleResultFacts[], asOf: string): ExtensionState {
  if (followUpEnd === null) return { active: false, since: null };
  return computeExtension({ derivation: rules.derivation, followUpEnd, results, asOf });
}

/** What one evaluation did to a subject: escalations opened, its safety events, its extension. */
export interface SafetyRulesOutcome {
  opened: Awaited<ReturnType<Tx["escalation"]["create"]>>[];
  events: SafetyEvent[];
  extension: ExtensionState;
}

/**
 * Evaluate the guideline's triggers for one subject inside the caller's transaction (every
 * save of a result, an adverse event or a resolution): `applySafetyRulesToMany` with one subject.
 * Returns the escalations this call opened.
 */
export async function applySafetyRules(tx: Tx, options: { actor: Actor | SystemActor; subject: SafetySubject; asOf: string }): Promise<SafetyRulesOutcome> {
  const outcomes = await applySafetyRulesToMany(tx, { actor: options.actor, subjects: [options.subject], asOf: options.asOf });
  return outcomes.get(options.subject.id)!;
}

function groupBySubject<T extends { subjectId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.subjectId);
    if (list) list.push(row);
    else groups.set(row.subjectId, [row]);
  }
  return groups;
}

/** A stored or computed safety event row as one string: equal strings, same row. */
function eventRowKey(row: { source: string; visitId: string; escalationId: string | null; offsetMonths: number | null; targetDate: string; windowStart: string; windowEnd: string; contactMode: string; activities: readonly string[] }): string {
  return JSON.stringify([row.source, row.visitId, row.escalationId, row.offsetMonths, row.targetDate, row.windowStart, row.windowEnd, row.contactMode, row.activities]);
}

/**
 * Evaluate the guideline's triggers for a set of subjects inside the caller's transaction (one
 * subject for every save; up to a chunk of the daily sweep, lib/safety-records/sweep.ts): open
 * the escalations the data call for that are not open or resolved yet (audited), then bring
 * each subject's escalation and extension schedule rows to exactly lib/safety's events. The
 * subject rows are locked first (in id order), so two evaluations of a subject run one after
 * the other. A fixed number of queries whatever the number of subjects (ids travel as one array
 * parameter, never one parameter per id): the product rules and plan versions once per study,
 * records, results, AEs, escalations and stored safety rows once each; only changed safety rows
 * are deleted or inserted. Returns each subject's outcome by id.
 */
export async function applySafetyRulesToMany(tx: Tx, options: { actor: Actor | SystemActor; subjects: readonly SafetySubject[]; asOf: string }): Promise<Map<string, SafetyRulesOutcome>> {
  const { actor, subjects, asOf } = options;
  const outcomes = new Map<string, SafetyRulesOutcome>();
  if (subjects.length === 0) return outcomes;
  const ids = [...new Set(subjects.map((s) => s.id))].sort();
  await tx.$queryRaw`SELECT 1 FROM "subject" WHERE "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;
  const studyIds = [...new Set(subjects.map((s) => s.studyId))];
  const [studies, recordRows, resultRows, aeRows, existingRows, storedEventRows] = await Promise.all([
    Promise.all(
      studyIds.map(async (studyId) => {
        const [rules, planRows] = await Promise.all([loadProductRules(tx, studyId), listAppliedPlanVersions(tx, { studyId })]);
        return { studyId, rules, planVersions: toSchedulePlanVersions(planRows) };
      }),
    ),
    tx.visitRecord.findMany({ where: { subjectId: { in: ids } }, select: { subjectId: true, visitId: true, planVersion: true, unscheduled: true, status: true, date: true } }),
    tx.sampleResult.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    tx.adverseEvent.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    tx.escalation.findMany({ where: { subjectId: { in: ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    tx.scheduledVisit.findMany({
      where: { subjectId: { in: ids }, source: { not: "plan" } },
      select: { id: true, subjectId: true, source: true, visitId: true, escalationId: true, offsetMonths: true, targetDate: true, windowStart: true, windowEnd: true, contactMode: true, activities: true },
    }),
  ]);
  const byStudy = new Map(studies.map((s) => [s.studyId, s]));
  const recordsBySubject = groupBySubject(recordRows);
  const resultsBySubject = groupBySubject(resultRows);
  const aesBySubject = groupBySubject(aeRows);
  const escalationsBySubject = groupBySubject(existingRows);
  const storedBySubject = groupBySubject(storedEventRows);

  const staleIds: string[] = [];
  const inserts = { subjectId: [] as string[], source: [] as string[], visitId: [] as string[], escalationId: [] as (string | null)[], offsetMonths: [] as number[], targetDate: [] as string[], windowStart: [] as string[], windowEnd: [] as string[], contactMode: [] as string[], activities: [] as string[] };
  for (const subject of subjects) {
    if (outcomes.has(subject.id)) continue;
    const { rules, planVersions } = byStudy.get(subject.studyId)!;
    const records = recordsBySubject.get(subject.id) ?? [];
    const existing = escalationsBySubject.get(subject.id) ?? [];
    const schedule = planVersions.length > 0 ? scheduleFromStored({ planVersions, subject, records, asOf }) : null;
    const results = (resultsBySubject.get(subject.id) ?? []).map(toResultFacts);
    const adverseEvents = (aesBySubject.get(subject.id) ?? []).map((row) => ({ id: row.id, onsetDate: calendarDateFromDb(row.onsetDate), relatedness: row.relatedness as TAeRelatedness, possibleRcl: row.possibleRcl }));

    // Without an applied plan there is no planned period: the period-end trigger cannot be read yet.
    const followUpEnd = schedule?.followUpEnd ?? "9999-12-31";
    const drafts = listEscalationsToOpen(
      { derivation: rules.derivation, platform: rules.platform, expectedVectorPositivePercentMax: rules.expectedVectorPositivePercentMax, followUpEnd, results, adverseEvents, asOf },
      existing.map((row) => ({ trigger: row.trigger as TriggerId, sourceType: row.sampleResultId ? "sample_result" : "adverse_event", sourceId: (row.sampleResultId ?? row.adverseEventId)! })),
    );

    const opened = [];
    for (const draft of drafts) {
      const row = await tx.escalation.create({
        data: {
          organizationId: subject.organizationId,
          studyId: subject.studyId,
          siteId: subject.siteId,
          subjectId: subject.id,
          trigger: draft.trigger,
          action: draft.action,
          citation: draft.citation,
          openedDate: calendarDateToDb(draft.openedDate),
          dueDate: draft.dueDate ? calendarDateToDb(draft.dueDate) : null,
          sampleResultId: draft.source.type === "sample_result" ? draft.source.id : null,
          adverseEventId: draft.source.type === "adverse_event" ? draft.source.id : null,
        },
      });
      await recordAudit(tx, actor, {
        entity: "Escalation",
        entityId: row.id,
        action: "create",
        organizationId: subject.organizationId,
        newValues: { subjectId: subject.id, trigger: draft.trigger, action: draft.action, citation: draft.citation, openedDate: draft.openedDate, dueDate: draft.dueDate, source: draft.source },
      });
      opened.push(row);
    }

    const escalations = [...existing, ...opened].map(toEscalationFacts);
    const events = schedule
      ? buildSafetyEvents({
          dosingDate: calendarDateFromDb(subject.dosingDate),
          followUpEnd: schedule.followUpEnd,
          asOf,
          subject: toScheduleSubject(subject),
          derivation: rules.derivation,
          planVisits: schedule.visits,
          escalations,
          results,
          records: records.filter((r) => !r.unscheduled && r.planVersion === null).map((r) => ({ visitId: r.visitId, status: r.status as "completed" | "missed", date: calendarDateFromDb(r.date) })),
        })
      : [];

    // The stored safety rows become exactly the events: unchanged rows stay (with their ids).
    const wanted = new Map<string, number>();
    for (const event of events) {
      const key = eventRowKey(event);
      wanted.set(key, (wanted.get(key) ?? 0) + 1);
    }
    for (const row of storedBySubject.get(subject.id) ?? []) {
      const key = eventRowKey({ ...row, targetDate: calendarDateFromDb(row.targetDate), windowStart: calendarDateFromDb(row.windowStart), windowEnd: calendarDateFromDb(row.windowEnd) });
      const left = wanted.get(key) ?? 0;
      if (left > 0) wanted.set(key, left - 1);
      else staleIds.push(row.id);
    }
    for (const event of events) {
      const key = eventRowKey(event);
      const left = wanted.get(key) ?? 0;
      if (left === 0) continue;
      wanted.set(key, left - 1);
      inserts.subjectId.push(subject.id);
      inserts.source.push(event.source);
      inserts.visitId.push(event.visitId);
      inserts.escalationId.push(event.escalationId);
      inserts.offsetMonths.push(event.offsetMonths);
      inserts.targetDate.push(event.targetDate);
      inserts.windowStart.push(event.windowStart);
      inserts.windowEnd.push(event.windowEnd);
      inserts.contactMode.push(event.contactMode);
      inserts.activities.push(JSON.stringify(event.activities));
    }
    outcomes.set(subject.id, { opened, events, extension: schedule ? extensionOf(rules, schedule.followUpEnd, results, asOf) : { active: false, since: null } });
  }
  if (staleIds.length > 0) await tx.$executeRaw`DELETE FROM "scheduled_visit" WHERE "id" = ANY(${staleIds}::text[])`;
  if (inserts.subjectId.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "scheduled_visit" ("id", "subjectId", "source", "visitId", "planVersion", "escalationId", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")
      SELECT gen_random_uuid()::text, n."subjectId", n."source", n."visitId", NULL, n."escalationId", n."offsetMonths", n."targetDate", n."windowStart", n."windowEnd", n."contactMode",
        ARRAY(SELECT a.kind FROM jsonb_array_elements_text(n."activities"::jsonb) WITH ORDINALITY AS a(kind, i) ORDER BY a.i)
      FROM unnest(${inserts.subjectId}::text[], ${inserts.source}::text[], ${inserts.visitId}::text[], ${inserts.escalationId}::text[], ${inserts.offsetMonths}::int[],
        ${inserts.targetDate}::date[], ${inserts.windowStart}::date[], ${inserts.windowEnd}::date[], ${inserts.contactMode}::text[], ${inserts.activities}::text[])
        AS n("subjectId", "source", "visitId", "escalationId", "offsetMonths", "targetDate", "windowStart", "windowEnd", "contactMode", "activities")`;
  }
  return outcomes;
}
