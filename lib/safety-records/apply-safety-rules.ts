import "server-only";
import type { Actor, SystemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { deriveRequirements, type Derivation } from "@/lib/rules/derive-requirements";
import type { TriggerId } from "@/lib/rules/rule-set";
import { listEscalationsToOpen, type SampleResultFacts } from "@/lib/safety/evaluate-triggers";
import { buildSafetyEvents, computeExtension, type EscalationFacts, type ExtensionState } from "@/lib/safety/safety-events";
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

export async function loadProductRules(tx: Tx, studyId: string): Promise<ProductRules> {
  const study = await tx.study.findUniqueOrThrow({
    where: { id: studyId },
    select: { product: { select: { currentProfileVersion: true, expectedVectorPositivePercentMax: true, profileVersions: { orderBy: { version: "desc" }, take: 1, select: { profile: true } } } } },
  });
  const profile = ZRiskProfile.parse(study.product.profileVersions[0]!.profile);
  return { derivation: deriveRequirements(profile), platform: profile.platform, expectedVectorPositivePercentMax: study.product.expectedVectorPositivePercentMax };
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

/**
 * Evaluate the guideline's triggers for one subject inside the caller's transaction (every
 * save of a result, an adverse event or a resolution, and the daily sweep): open the
 * escalations the data call for that are not open or resolved yet (audited), then rewrite the
 * subject's escalation and extension schedule rows from lib/safety. The subject row is locked
 * first, so two saves for the same subject evaluate one after the other.
 * Returns the escalations this call opened.
 */
export async function applySafetyRules(tx: Tx, options: { actor: Actor | SystemActor; subject: SafetySubject; asOf: string }) {
  const { actor, subject, asOf } = options;
  await tx.$queryRaw`SELECT 1 FROM "subject" WHERE "id" = ${subject.id} FOR UPDATE`;
  const [rules, planRows, records, resultRows, aeRows, existing] = await Promise.all([
    loadProductRules(tx, subject.studyId),
    listAppliedPlanVersions(tx, { studyId: subject.studyId }),
    tx.visitRecord.findMany({ where: { subjectId: subject.id }, select: { visitId: true, planVersion: true, unscheduled: true, status: true, date: true } }),
    tx.sampleResult.findMany({ where: { subjectId: subject.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    tx.adverseEvent.findMany({ where: { subjectId: subject.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    tx.escalation.findMany({ where: { subjectId: subject.id } }),
  ]);
  const planVersions = toSchedulePlanVersions(planRows);
  const schedule = planVersions.length > 0 ? scheduleFromStored({ planVersions, subject, records, asOf }) : null;
  const results = resultRows.map(toResultFacts);
  const adverseEvents = aeRows.map((row) => ({ id: row.id, onsetDate: calendarDateFromDb(row.onsetDate), relatedness: row.relatedness as TAeRelatedness, possibleRcl: row.possibleRcl }));

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
  await tx.scheduledVisit.deleteMany({ where: { subjectId: subject.id, source: { not: "plan" } } });
  if (events.length > 0) {
    await tx.scheduledVisit.createMany({
      data: events.map((event) => ({
        subjectId: subject.id,
        source: event.source,
        visitId: event.visitId,
        planVersion: null,
        escalationId: event.escalationId,
        offsetMonths: event.offsetMonths,
        targetDate: calendarDateToDb(event.targetDate),
        windowStart: calendarDateToDb(event.windowStart),
        windowEnd: calendarDateToDb(event.windowEnd),
        contactMode: event.contactMode,
        activities: event.activities,
      })),
    });
  }
  return { opened, events, extension: schedule ? extensionOf(rules, schedule.followUpEnd, results, asOf) : { active: false, since: null } };
}
