import { z } from "zod";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
/** A calendar date `YYYY-MM-DD` that exists (no 30 February); proleptic Gregorian, any year 0000–9999. */
export const ZCalendarDate = z.string().refine((value) => parseCalendarDate(value) !== null, { error: "must be an existing calendar date YYYY-MM-DD" });

/** A calendar date as the Date PostgreSQL's `date` column takes (midnight UTC). */
export function calendarDateToDb(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function calendarDateFromDb(value: Date): string {
  return value.toISOString().slice(0, 10);
}
