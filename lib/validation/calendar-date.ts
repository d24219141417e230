import { z } from "zod";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";

/** A calendar date `YYYY-MM-DD` that exists (no 30 February); proleptic Gregorian, any year 0000–9999. */
export const ZCalendarDate = z.string().refine((value) => parseCalendarDate(value) !== null, { error: "must be an existing calendar date YYYY-MM-DD" });

export const CLINICAL_DATE_MIN = "1900-01-01";
export const CLINICAL_DATE_MAX = "2200-12-31";

/**
 * A calendar date that the product stores: an existing date between 1900 and 2200. PostgreSQL has
 * no year 0, and a date at 9999-12-31 leaves no room for a later version. Every date that reaches
 * the database goes through this schema.
 */
export const ZClinicalDate = z
  .string()
  .refine((value) => parseCalendarDate(value) !== null, { error: "must be an existing calendar date YYYY-MM-DD" })
  .refine((value) => value >= CLINICAL_DATE_MIN && value <= CLINICAL_DATE_MAX, { error: `must be between ${CLINICAL_DATE_MIN} and ${CLINICAL_DATE_MAX}` });

/** A calendar date as the Date PostgreSQL's `date` column takes (midnight UTC). */
export function calendarDateToDb(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}

export function calendarDateFromDb(value: Date): string {
  return value.toISOString().slice(0, 10);
}
