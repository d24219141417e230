/**
 * Calendar dates as integer day numbers (days since 1970-01-01), never instants: no time
 * zone can move them, and day arithmetic is integer addition. Conversions use the
 * days-from-civil algorithm (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"),
 * valid for the whole proleptic Gregorian calendar.
 */
export type DayNumber = number;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

export function dayNumberFromCivil(year: number, month: number, day: number): DayNumber {
  // Years start on 1 March so that the leap day is the last day of the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromDayNumber(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → day number, or null when the text is not an existing date (30 February, month 13). */
export function parseCalendarDate(text: string): DayNumber | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberFromCivil(year, month, day);
}

function formatCivil(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

// Schedules format millions of dates from a narrow range: each day's text is made once and
// shared (strings are immutable), which spares the garbage collector more than the arithmetic.
const CACHE_FIRST_DAY = dayNumberFromCivil(1900, 1, 1);
const CACHE_DAYS = dayNumberFromCivil(2200, 1, 1) - CACHE_FIRST_DAY;
// Filled up front so the array keeps fast elements instead of turning into a dictionary.
const formatted: (string | undefined)[] = new Array<string | undefined>(CACHE_DAYS).fill(undefined);

/** Day number → `YYYY-MM-DD`. */
export function formatCalendarDate(dayNumber: DayNumber): string {
  const index = dayNumber - CACHE_FIRST_DAY;
  if (index < 0 || index >= CACHE_DAYS) return formatCivil(dayNumber);
  return (formatted[index] ??= formatCivil(dayNumber));
}

export function addDays(dayNumber: DayNumber, days: number): DayNumber {
  return dayNumber + days;
}

/**
 * Add calendar months to a civil date; where the day does not exist in the target month, the
 * month's last day is used (2024-02-29 + 12 months = 2025-02-28; 2024-08-31 + 6 months =
 * 2025-02-28). Always counted from the original date, never month by month, so the day of
 * month is not worn down (2024-01-31 + 2 months = 2024-03-31, not 03-29).
 */
export function addMonthsToCivil(year: number, month: number, day: number, months: number): DayNumber {
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return dayNumberFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** `addMonthsToCivil` on a day number. */
export function addMonths(dayNumber: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return addMonthsToCivil(year, month, day, months);
}
