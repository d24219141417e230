import type { DayNumber } from "@/lib/schedule/calendar-date";

export const VISIT_STATUSES = ["completed", "missed", "not_required", "overdue", "window_open", "upcoming"] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

export interface VisitStatusInput {
  target: DayNumber;
  windowStart: DayNumber;
  windowEnd: DayNumber;
  /** The record's status, when the visit was recorded. */
  recordStatus?: "completed" | "missed";
  /** The first day after which visits are not required: the status date of a subject no longer active. */
  inactiveFrom: DayNumber;
  asOf: DayNumber;
}

/**
 * SCHEDULE-CONTRACT.md's status precedence: recorded; not required after the subject left;
 * overdue; window open; upcoming. The SQL function `ltfu_visit_status` (migration
 * 20261126030000_site_work) says the same; a property test holds the two equal.
 */
export function computeVisitStatus(input: VisitStatusInput): VisitStatus {
  if (input.recordStatus) return input.recordStatus;
  if (input.target > input.inactiveFrom) return "not_required";
  if (input.windowEnd < input.asOf) return "overdue";
  if (input.windowStart <= input.asOf) return "window_open";
  return "upcoming";
}
