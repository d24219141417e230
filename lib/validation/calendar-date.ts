import { z } from "zod";

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const ZCalendarDate = z.string().refine(
  (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1) return false;
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return day <= daysInMonth;
  },
  { error: "must be an existing calendar date YYYY-MM-DD" },
);

/** A calendar date as the Date PostgreSQL's `date` column takes (midnight UTC). */
export function calendarDateToDb(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function calendarDateFromDb(value: Date): string {
  return value.toISOString().slice(0, 10);
}
