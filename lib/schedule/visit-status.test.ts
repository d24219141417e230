import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";
import { computeVisitStatus } from "@/lib/schedule/visit-status";

const d = (text: string) => parseCalendarDate(text)!;
const visit = { target: d("2024-08-29"), windowStart: d("2024-08-15"), windowEnd: d("2024-09-12") };

describe("computeVisitStatus: SCHEDULE-CONTRACT precedence", () => {
  it.each([
    ["recorded completed beats everything", { recordStatus: "completed" as const, inactiveFrom: d("2024-01-01"), asOf: d("2030-01-01") }, "completed"],
    ["recorded missed", { recordStatus: "missed" as const, inactiveFrom: Infinity, asOf: d("2024-08-20") }, "missed"],
    ["after the subject left: not required, even when past", { inactiveFrom: d("2024-08-28"), asOf: d("2030-01-01") }, "not_required"],
    ["target on the status date is still required", { inactiveFrom: d("2024-08-29"), asOf: d("2030-01-01") }, "overdue"],
    ["overdue the day after the window", { inactiveFrom: Infinity, asOf: d("2024-09-13") }, "overdue"],
    ["window open on its last day", { inactiveFrom: Infinity, asOf: d("2024-09-12") }, "window_open"],
    ["window open on its first day", { inactiveFrom: Infinity, asOf: d("2024-08-15") }, "window_open"],
    ["upcoming the day before", { inactiveFrom: Infinity, asOf: d("2024-08-14") }, "upcoming"],
  ])("%s", (_name, rest, expected) => {
    expect(computeVisitStatus({ ...visit, ...rest })).toBe(expected);
  });

  it("an unrecorded visit of an active subject moves upcoming → window_open → overdue as asOf advances, never back", () => {
    const rank = { upcoming: 0, window_open: 1, overdue: 2 } as Record<string, number>;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -200, max: 200 }), fc.integer({ min: 0, max: 50 }), (target, before, after, asOf, step) => {
        const v = { target, windowStart: target - before, windowEnd: target + after, inactiveFrom: Infinity };
        const a = computeVisitStatus({ ...v, asOf: target + asOf });
        const b = computeVisitStatus({ ...v, asOf: target + asOf + step });
        expect(rank[b]!).toBeGreaterThanOrEqual(rank[a]!);
      }),
    );
  });
});
