import "server-only";
import type { Tx } from "@/lib/db/client";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { buildSchedule, type Schedule } from "@/lib/schedule/build-schedule";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { ZPlan } from "@/lib/validation/plan";
import type { TSchedulePlanVersion, TScheduleSubject, TSubjectStatus, TVisitRecord } from "@/lib/validation/schedule";

/** What the engine needs of a subject, as stored. */
export interface StoredSubjectForSchedule {
  id: string;
  dosingDate: Date;
  status: string;
  statusDate: Date | null;
}

export interface StoredRecordForSchedule {
  visitId: string;
  planVersion: number | null;
  unscheduled: boolean;
  status: string;
  date: Date;
}

/** Stored plan versions as the engine's `planVersions` (each plan parsed once, shared by every subject). */
export function toSchedulePlanVersions(rows: Array<{ version: number; effectiveDate: Date | null; plan: unknown }>): TSchedulePlanVersion[] {
  return rows.filter((row) => row.effectiveDate !== null).map((row) => ({ version: row.version, effectiveDate: calendarDateFromDb(row.effectiveDate!), plan: ZPlan.parse(row.plan) }));
}

export function toScheduleSubject(subject: StoredSubjectForSchedule): TScheduleSubject {
  return subject.status === "active" || !subject.statusDate
    ? { status: "active" }
    : { status: subject.status as TSubjectStatus, statusDate: calendarDateFromDb(subject.statusDate) };
}

/** Records of plan visits only: unscheduled and escalation visits are not the plan's. */
export function toScheduleRecords(records: StoredRecordForSchedule[]): TVisitRecord[] {
  return records
    .filter((record) => !record.unscheduled && record.planVersion !== null)
    .map((record) => ({ visitId: record.visitId, planVersion: record.planVersion!, status: record.status as TVisitRecord["status"], date: calendarDateFromDb(record.date) }));
}

/** lib/schedule on stored data: the one way the server computes a subject's schedule. */
export function scheduleFromStored(options: { planVersions: TSchedulePlanVersion[]; subject: StoredSubjectForSchedule; records: StoredRecordForSchedule[]; asOf: string }): Schedule {
  return buildSchedule({
    dosingDate: calendarDateFromDb(options.subject.dosingDate),
    asOf: options.asOf,
    planVersions: options.planVersions,
    records: toScheduleRecords(options.records),
    subject: toScheduleSubject(options.subject),
  });
}

const CHUNK = 500;
const ROWS_PER_INSERT = 4000;

/**
 * Rewrite the stored plan rows of the given subjects (or every subject of the study) from
 * lib/schedule, inside the caller's transaction: on enrolment, plan activation (amendment)
 * and status change. Which visits exist does not depend on `asOf`, so the rows hold no
 * status; rows of other sources (escalation, extension) are left alone.
 */
export async function rewriteScheduleRows(tx: Tx, options: { studyId: string; subjectIds?: string[] }): Promise<number> {
  const planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(tx, { studyId: options.studyId }));
  const where = { studyId: options.studyId, ...(options.subjectIds ? { id: { in: options.subjectIds } } : {}) };
  let written = 0;
  let cursor: string | undefined;
  for (;;) {
    const subjects = await tx.subject.findMany({
      where,
      select: { id: true, dosingDate: true, status: true, statusDate: true, visitRecords: { select: { visitId: true, planVersion: true, unscheduled: true, status: true, date: true } } },
      orderBy: { id: "asc" },
      take: CHUNK,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (subjects.length === 0) break;
    cursor = subjects[subjects.length - 1]!.id;
    const ids = subjects.map((s) => s.id);
    await tx.scheduledVisit.deleteMany({ where: { subjectId: { in: ids }, source: "plan" } });
    if (planVersions.length === 0) continue;
    const rows = subjects.flatMap((subject) => {
      const schedule = scheduleFromStored({ planVersions, subject, records: subject.visitRecords, asOf: calendarDateFromDb(subject.dosingDate) });
      return schedule.visits.map((visit) => ({
        subjectId: subject.id,
        source: "plan",
        visitId: visit.visitId,
        planVersion: visit.planVersion,
        offsetMonths: visit.offsetMonths,
        targetDate: calendarDateToDb(visit.targetDate),
        windowStart: calendarDateToDb(visit.windowStart),
        windowEnd: calendarDateToDb(visit.windowEnd),
        contactMode: visit.contactMode,
        activities: visit.activities,
      }));
    });
    // PostgreSQL takes at most 65,535 bind parameters per statement (11 per row here).
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) written += (await tx.scheduledVisit.createMany({ data: rows.slice(i, i + ROWS_PER_INSERT) })).count;
    if (subjects.length < CHUNK) break;
  }
  return written;
}
