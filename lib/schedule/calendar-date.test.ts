import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, civilFromDayNumber, daysInMonth, dayNumberFromCivil, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";

const d = (text: string) => parseCalendarDate(text)!;
const plusMonths = (text: string, months: number) => formatCalendarDate(addMonths(d(text), months));
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

// The reference: JavaScript's own UTC calendar, straightforwardly used (setUTCFullYear, so that
// years 0–99 are not read as 1900–1999). UTC only: the reference must not depend on TZ either.
const MS_PER_DAY = 86_400_000;
function referenceDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}
const referenceIsValid = (year: number, month: number, day: number) => {
  const date = referenceDate(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};
const referenceDayNumber = (year: number, month: number, day: number) => referenceDate(year, month, day).getTime() / MS_PER_DAY;
function referenceAddMonths(year: number, month: number, day: number, months: number): string {
  const date = referenceDate(year, month, 1);
  date.setUTCMonth(date.getUTCMonth() + months); // the 1st of the target month always exists
  const lastDay = referenceDate(date.getUTCFullYear(), date.getUTCMonth() + 2, 0).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const arbCivil = fc.record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), rawDay: fc.integer({ min: 1, max: 31 }) }).map(({ year, month, rawDay }) => ({ year, month, day: Math.min(rawDay, daysInMonth(year, month)) }));

describe("calendar dates", () => {
  it("refuses dates that do not exist and text that is not YYYY-MM-DD", () => {
    for (const bad of ["2025-02-29", "2025-02-30", "2024-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-04-00", "2023-4-1", "20230401", "2023-04-01T00:00", " 2023-04-01", "2023-04-01\n", "１２３４-01-01", ""]) {
      expect(parseCalendarDate(bad), bad).toBeNull();
    }
    for (const good of ["2024-02-29", "2000-02-29", "2023-12-31", "0001-01-01", "9999-12-31"]) expect(parseCalendarDate(good), good).not.toBeNull();
    expect(parseCalendarDate("1900-02-29")).toBeNull();
  });

  it("counts days from 1970-01-01", () => {
    expect(d("1970-01-01")).toBe(0);
    expect(d("1969-12-31")).toBe(-1);
    expect(d("2000-03-01") - d("2000-02-28")).toBe(2);
    expect(d("2100-03-01") - d("2100-02-28")).toBe(1);
    expect(formatCalendarDate(addDays(d("2024-12-31"), 1))).toBe("2025-01-01");
    expect(formatCalendarDate(addDays(d("2024-03-01"), -1))).toBe("2024-02-29");
  });

  it("adds months, clamping to the month's last day (the contract's examples)", () => {
    expect(plusMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(plusMonths("2024-08-31", 6)).toBe("2025-02-28");
    expect(plusMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(plusMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(plusMonths("2024-01-31", 2)).toBe("2024-03-31");
    expect(plusMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(plusMonths("2024-10-31", 2)).toBe("2024-12-31");
    expect(plusMonths("2024-12-15", 1)).toBe("2025-01-15");
    expect(plusMonths("2024-03-31", 180)).toBe("2039-03-31");
    expect(plusMonths("2024-05-31", 0)).toBe("2024-05-31");
  });

  it("parses exactly the dates the reference calendar has", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const valid = month >= 1 && month <= 12 && day >= 1 && referenceIsValid(year, month, day);
        expect(parseCalendarDate(text) !== null, text).toBe(valid);
        if (valid) expect(parseCalendarDate(text)).toBe(referenceDayNumber(year, month, day));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the reference on random dates: day numbers both ways, formatting, day and month arithmetic", () => {
    fc.assert(
      fc.property(arbCivil, fc.integer({ min: 0, max: 1200 }), fc.integer({ min: -5000, max: 5000 }), ({ year, month, day }, months, days) => {
        fc.pre(year + months / 12 < 9999);
        const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const dayNumber = dayNumberFromCivil(year, month, day);
        expect(dayNumber).toBe(referenceDayNumber(year, month, day));
        expect(civilFromDayNumber(dayNumber)).toEqual({ year, month, day });
        expect(formatCalendarDate(dayNumber)).toBe(text);
        expect(plusMonths(text, months)).toBe(referenceAddMonths(year, month, day, months));
        const shifted = new Date((dayNumber + days) * MS_PER_DAY);
        if (shifted.getUTCFullYear() >= 1 && shifted.getUTCFullYear() <= 9999) expect(formatCalendarDate(addDays(dayNumber, days))).toBe(shifted.toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });
});
