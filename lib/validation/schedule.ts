import { z } from "zod";
import { addMonths, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { ZPlan } from "@/lib/validation/plan";
import { requiredText, storableText } from "@/lib/validation/text";

/**
 * A calendar date `YYYY-MM-DD` that exists (no 30 February, no month 13). Checked on day
 * numbers, never through `Date`, so no time zone can move or accept a date.
 */
export const ZScheduleDate = z.string().refine((value) => parseCalendarDate(value) !== null, { error: "must be an existing calendar date YYYY-MM-DD" });

const LAST_DAY = parseCalendarDate("9999-12-31")!;

export const SUBJECT_STATUSES = ["active", "completed", "withdrawn", "lost_to_follow_up", "died"] as const;
export const ZSubjectStatus = z.enum(SUBJECT_STATUSES);
export type TSubjectStatus = z.infer<typeof ZSubjectStatus>;

export const RECORD_STATUSES = ["completed", "missed"] as const;
export const ZRecordStatus = z.enum(RECORD_STATUSES);
export type TRecordStatus = z.infer<typeof ZRecordStatus>;

export const ZSchedulePlanVersion = z.object({
  version: z.number().int().min(1),
  effectiveDate: ZScheduleDate,
  plan: ZPlan,
});
export type TSchedulePlanVersion = z.infer<typeof ZSchedulePlanVersion>;

/** What was recorded for one scheduled visit, named by visit id and the version it came from. */
export const ZVisitRecord = z.object({
  // Trimmed like plan visit ids (ZPlanVisit), so " M12" names the same visit as "M12".
  visitId: requiredText(40),
  planVersion: z.number().int().min(1),
  status: ZRecordStatus,
  date: ZScheduleDate,
  reason: storableText(2000).optional(),
});
export type TVisitRecord = z.infer<typeof ZVisitRecord>;

export const ZScheduleSubject = z
  .object({
    status: ZSubjectStatus,
    statusDate: ZScheduleDate.optional(),
  })
  .superRefine((subject, ctx) => {
    if (subject.status !== "active" && subject.statusDate === undefined) {
      ctx.addIssue({ code: "custom", path: ["statusDate"], message: `required when the status is ${subject.status}` });
    }
  });
export type TScheduleSubject = z.infer<typeof ZScheduleSubject>;

/**
 * SCHEDULE-CONTRACT.md input, shared by the `ltfu-schedule` command and the server.
 * `records` may be left out (nothing recorded yet); `subject` may not: assuming a subject is
 * active would schedule visits for someone who died or withdrew.
 */
export const ZScheduleInput = z
  .object({
    dosingDate: ZScheduleDate,
    asOf: ZScheduleDate,
    planVersions: z.array(ZSchedulePlanVersion).min(1, { error: "at least one plan version is needed" }),
    records: z.array(ZVisitRecord).default([]),
    subject: ZScheduleSubject,
  })
  .superRefine((input, ctx) => {
    const indexByVersion = new Map<number, number>();
    const indexByDate = new Map<string, number>();
    input.planVersions.forEach((planVersion, i) => {
      const sameVersion = indexByVersion.get(planVersion.version);
      if (sameVersion !== undefined) {
        ctx.addIssue({ code: "custom", path: ["planVersions", i, "version"], message: `duplicate version ${planVersion.version} (also planVersions[${sameVersion}])` });
      } else {
        indexByVersion.set(planVersion.version, i);
      }
      // Two versions effective the same day would leave the governing one undefined.
      const sameDate = indexByDate.get(planVersion.effectiveDate);
      if (sameDate !== undefined) {
        ctx.addIssue({ code: "custom", path: ["planVersions", i, "effectiveDate"], message: `planVersions[${sameDate}] is also effective on ${planVersion.effectiveDate}` });
      } else {
        indexByDate.set(planVersion.effectiveDate, i);
      }
    });

    // Output dates must stay `YYYY-MM-DD` (four-digit years), which also keeps them sorting as text.
    const dosing = parseCalendarDate(input.dosingDate)!;
    input.planVersions.forEach((planVersion, i) => {
      if (addMonths(dosing, planVersion.plan.durationMonths) > LAST_DAY) {
        ctx.addIssue({ code: "custom", path: ["planVersions", i, "plan", "durationMonths"], message: "puts the follow-up end after 9999-12-31" });
      }
      planVersion.plan.visits.forEach((visit, j) => {
        if (addMonths(dosing, visit.offsetMonths) + visit.windowDaysAfter > LAST_DAY) {
          ctx.addIssue({ code: "custom", path: ["planVersions", i, "plan", "visits", j, "offsetMonths"], message: "puts the visit window after 9999-12-31" });
        }
      });
    });

    // A record that names no scheduled visit, or a second record for the same visit, is refused
    // rather than dropped or merged: either would silently hide a recorded clinical event.
    const recordIndexByKey = new Map<string, number>();
    input.records.forEach((record, i) => {
      const versionIndex = indexByVersion.get(record.planVersion);
      if (versionIndex === undefined) {
        ctx.addIssue({ code: "custom", path: ["records", i, "planVersion"], message: `no plan version ${record.planVersion} in planVersions` });
        return;
      }
      if (!input.planVersions[versionIndex]!.plan.visits.some((visit) => visit.id === record.visitId)) {
        ctx.addIssue({ code: "custom", path: ["records", i, "visitId"], message: `plan version ${record.planVersion} has no visit "${record.visitId}"` });
        return;
      }
      const key = `${record.planVersion}:${record.visitId}`;
      const first = recordIndexByKey.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["records", i], message: `visit "${record.visitId}" of plan version ${record.planVersion} is already recorded in records[${first}]` });
      } else {
        recordIndexByKey.set(key, i);
      }
    });
  });
export type TScheduleInput = z.infer<typeof ZScheduleInput>;
