import { AppError } from "@/lib/errors";
import { todayCalendarDate } from "@/lib/subjects/today";
import { ZClinicalDate } from "@/lib/validation/calendar-date";

/** `?asOf=YYYY-MM-DD` (the server's today when absent); a bad date is a 400 naming `asOf`. */
export function readAsOf(request: Request): string {
  const value = new URL(request.url).searchParams.get("asOf");
  if (value === null || value === "") return todayCalendarDate();
  const parsed = ZClinicalDate.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", `asOf: ${parsed.error.issues[0]?.message ?? "invalid date"}`, "asOf", { key: "refusal.asOfInvalid" });
  return parsed.data;
}
