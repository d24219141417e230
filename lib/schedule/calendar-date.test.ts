import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, daysInMonth, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";

const d = (text: string) => parseCalendarDate(text)!;
const plusMonths = (text: string, months: number) => formatCalendarDate(addMonths(d(text), months));

describe("calendar dates", () => {
  it("refuses dates that do not exist", () => {
    for (const bad of ["2025-02-29", "2025-02-30", "2024-02-30", "2023-13-01", "2023-00-10", "2023-04-31", "2023-4-1", "20230401", "2023-04-01T00:00"]) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
    expect(parseCalendarDate("2024-02-29")).not.toBeNull();
    expect(parseCalendarDate("2000-02-29")).not.toBeNull();
    expect(parseCalendarDate("1900-02-29")).toBeNull();
  });

  it("adds months, clamping to the month's last day (the contract's examples)", () => {
    expect(plusMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(plusMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(plusMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(plusMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(plusMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(plusMonths("2024-10-31", 2)).toBe("2024-12-31");
    expect(plusMonths("2024-12-15", 1)).toBe("2025-01-15");
    expect(plusMonths("2024-03-31", 180)).toBe("2039-03-31");
  });

  it("agrees with a straightforward reference (UTC Date arithmetic) on random dates", () => {
    const reference = (year: number, month: number, day: number, months: number) => {
      const index = year * 12 + month - 1 + months;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      const date = new Date(Date.UTC(y, m - 1, Math.min(day, new Date(Date.UTC(y, m, 0)).getUTCDate())));
      return date.toISOString().slice(0, 10);
    };
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 400 }), (year, month, rawDay, months) => {
        const day = Math.min(rawDay, daysInMonth(year, month));
        const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
        expect(formatCalendarDate(d(text))).toBe(text);
        expect(plusMonths(text, months)).toBe(reference(year, month, day, months));
      }),
    );
  });
});
