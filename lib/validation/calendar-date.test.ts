import { describe, expect, it } from "vitest";
import { calendarDateFromDb, calendarDateToDb, ZCalendarDate } from "@/lib/validation/calendar-date";

describe("ZCalendarDate", () => {
  it.each(["2024-02-29", "2000-02-29", "0000-02-29", "0004-02-29", "9999-12-31", "2026-08-31"])("accepts %s", (value) => {
    expect(ZCalendarDate.safeParse(value).success).toBe(true);
  });
  it.each(["2026-02-29", "1900-02-29", "0100-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-4-01", "2026-04-31", "20260401", ""])("refuses %s", (value) => {
    expect(ZCalendarDate.safeParse(value).success).toBe(false);
  });
  it("round-trips through the database's date column", () => {
    expect(calendarDateFromDb(calendarDateToDb("2024-02-29"))).toBe("2024-02-29");
  });
});
