import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getSubject, listAppliedPlanVersions, listScheduledVisits, listVisitRecords, type SubjectRow, type VisitRecordRow } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";
import type { ScheduledVisit } from "@/lib/schedule/build-schedule";
import { computeVisitStatus } from "@/lib/schedule/visit-status";
import { scheduleFromStored, toSchedulePlanVersions } from "@/lib/subjects/schedule-rows";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

export type SubjectScheduleVisit = ScheduledVisit & { recordId?: string; source: string; escalationId?: string | null };

export interface SubjectSchedule {
  followUpEnd: string | null;
  visits: SubjectScheduleVisit[];
}

/**
 * A subject's schedule at `asOf` from stored data: exactly lib/schedule's output (the
 * `ltfu-schedule` command's) for the study's activated plan versions, the subject's records
 * and status, each visit with its `source` and, once recorded, its `recordId`; plus the rows
 * other sources (escalation, extension) stored.
 */
export async function getSubjectSchedule(db: Db, options: { actor: Actor; subjectId: string; asOf: string }): Promise<{ subject: SubjectRow; records: VisitRecordRow[]; schedule: SubjectSchedule }> {
  const subject = await getSubject(db, options);
  if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
  const [planRows, records, storedRows] = await Promise.all([
    listAppliedPlanVersions(db, { studyId: subject.studyId }),
    listVisitRecords(db, { actor: options.actor, subjectId: subject.id }),
    listScheduledVisits(db, { actor: options.actor, subjectId: subject.id }),
  ]);
  const planVersions = toSchedulePlanVersions(planRows);
  if (planVersions.length === 0) return { subject, records, schedule: { followUpEnd: null, visits: [] } };
  const computed = scheduleFromStored({ planVersions, subject, records, asOf: options.asOf });
  const recordKey = (visitId: string, planVersion: number | null) => `${planVersion ?? ""}:${visitId}`;
  const recordByKey = new Map(records.map((r) => [recordKey(r.visitId, r.planVersion), r]));
  const visits: SubjectScheduleVisit[] = computed.visits.map((visit) => {
    const record = recordByKey.get(recordKey(visit.visitId, visit.planVersion));
    return { ...visit, source: "plan", ...(record ? { recordId: record.id } : {}) };
  });
  const asOf = parseCalendarDate(options.asOf)!;
  const inactiveFrom = subject.status === "active" || !subject.statusDate ? Infinity : parseCalendarDate(calendarDateFromDb(subject.statusDate))!;
  for (const row of storedRows.filter((r) => r.source !== "plan")) {
    const record = recordByKey.get(recordKey(row.visitId, null));
    const day = (d: Date) => parseCalendarDate(calendarDateFromDb(d))!;
    visits.push({
      visitId: row.visitId,
      planVersion: null as unknown as number,
      offsetMonths: row.offsetMonths ?? 0,
      targetDate: calendarDateFromDb(row.targetDate),
      windowStart: calendarDateFromDb(row.windowStart),
      windowEnd: calendarDateFromDb(row.windowEnd),
      contactMode: row.contactMode as ScheduledVisit["contactMode"],
      activities: row.activities as ScheduledVisit["activities"],
      status: computeVisitStatus({ target: day(row.targetDate), windowStart: day(row.windowStart), windowEnd: day(row.windowEnd), recordStatus: record?.status as "completed" | "missed" | undefined, inactiveFrom, asOf }),
      ...(record ? { recordedDate: calendarDateFromDb(record.date), recordId: record.id } : {}),
      source: row.source,
      escalationId: row.escalationId,
    });
  }
  visits.sort((a, b) => (a.targetDate < b.targetDate ? -1 : a.targetDate > b.targetDate ? 1 : a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0));
  return { subject, records, schedule: { followUpEnd: computed.followUpEnd, visits } };
}
