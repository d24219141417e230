import { z } from "zod";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";
import { ZPlan } from "@/lib/validation/plan";

/** A calendar date `YYYY-MM-DD` that exists; validated without any time zone. */
export const ZScheduleDate = z.string().refine((value) => parseCalendarDate(value) !== null, { error: "must be an existing calendar date YYYY-MM-DD" });

export const SUBJECT_STATUSES = ["active", "completed", "withdrawn", "lost_to_follow_up", "died"] as const;
export const RECORD_STATUSES = ["completed", "missed"] as const;

export const ZSchedulePlanVersion = z.object({
  version: z.number().int().min(1),
  effectiveDate: ZScheduleDate,
  plan: ZPlan,
});

export const ZVisitRecord = z.object({
  visitId: z.string().min(1),
  planVersion: z.number().int().min(1),
  status: z.enum(RECORD_STATUSES),
  date: ZScheduleDate,
  reason: z.string().max(2000).optional(),
});

export const ZScheduleSubject = z
  .object({
    status: z.enum(SUBJECT_STATUSES),
    statusDate: ZScheduleDate.optional(),
  })
  .superRefine((subject, ctx) => {
    if (subject.status !== "active" && subject.statusDate === undefined) {
      ctx.addIssue({ code: "custom", path: ["statusDate"], message: `required when the status is ${subject.status}` });
    }
  });

/** SCHEDULE-CONTRACT.md input, shared by the `ltfu-schedule` command and the server. */
export const ZScheduleInput = z
  .object({
    dosingDate: ZScheduleDate,
    asOf: ZScheduleDate,
    planVersions: z.array(ZSchedulePlanVersion).min(1, { error: "at least one plan version is needed" }),
    records: z.array(ZVisitRecord).default([]),
    subject: ZScheduleSubject.default({ status: "active" }),
  })
  .superRefine((input, ctx) => {
    const versions = new Map<number, number>();
    const dates = new Map<string, number>();
    input.planVersions.forEach((pv, i) => {
      if (versions.has(pv.version)) ctx.addIssue({ code: "custom", path: ["planVersions", i, "version"], message: `duplicate version ${pv.version}` });
      versions.set(pv.version, i);
      if (dates.has(pv.effectiveDate)) ctx.addIssue({ code: "custom", path: ["planVersions", i, "effectiveDate"], message: `another version is effective on ${pv.effectiveDate}` });
      dates.set(pv.effectiveDate, i);
    });
    const seen = new Set<string>();
    input.records.forEach((record, i) => {
      const index = versions.get(record.planVersion);
      if (index === undefined) {
        ctx.addIssue({ code: "custom", path: ["records", i, "planVersion"], message: `no plan version ${record.planVersion} in planVersions` });
        return;
      }
      if (!input.planVersions[index]!.plan.visits.some((v) => v.id === record.visitId)) {
        ctx.addIssue({ code: "custom", path: ["records", i, "visitId"], message: `plan version ${record.planVersion} has no visit ${record.visitId}` });
      }
      const key = `${record.visitId}\u0000${record.planVersion}`;
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["records", i], message: `visit ${record.visitId} of version ${record.planVersion} is recorded twice` });
      seen.add(key);
    });
  });
export type TScheduleInput = z.infer<typeof ZScheduleInput>;
