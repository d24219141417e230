import ical, { ICalCalendarMethod } from "ical-generator";
import { addDays, addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import type { ExportScheduledVisit, ExportSite } from "@/lib/exports/types";

/**
 * The words of the feed, in the reader's language (lib/exports/calendar-labels.ts fills them
 * from the catalogs): field names, and words for the coded values (contact mode, activity kind,
 * status), which stay as coded when a label set has none.
 */
export interface CalendarLabels {
  /** RFC 5545 PRODID language part and the calendar's language, e.g. `EN`, `ZH-CN`. */
  language?: string;
  calendarName: (site: ExportSite) => string;
  summary: (visit: ExportScheduledVisit) => string;
  window: string;
  contactMode: string;
  activities: string;
  status: string;
  contactModeValue?: (mode: string) => string;
  activityValue?: (kind: string) => string;
  statusValue?: (status: ExportScheduledVisit["status"]) => string;
}

export const ENGLISH_CALENDAR_LABELS: CalendarLabels = {
  calendarName: (site) => `LTFU visits ${site.code} ${site.name}`,
  summary: (visit) => `${visit.subjectCode} ${visit.visitId}${visit.source === "plan" ? "" : ` (${visit.source})`}`,
  window: "Window",
  contactMode: "Contact",
  activities: "Activities",
  status: "Status at export",
};

const asCoded = (value: string) => value;

export interface SiteCalendarInput {
  site: ExportSite;
  /** The site's scheduled visits with their status at `asOf` (other visits are filtered out here). */
  visits: Iterable<ExportScheduledVisit>;
  /** Today's calendar date: the feed holds visits due from here to 12 months on. */
  asOf: string;
  /** Instant the feed was produced (DTSTAMP), ISO 8601 UTC. */
  generatedAt: string;
  labels?: CalendarLabels;
  /** Domain part of the UIDs, e.g. the server's host name. */
  uidDomain?: string;
}

const HORIZON_MONTHS = 12;

function dayNumber(text: string): number {
  const value = parseCalendarDate(text);
  if (value === null) throw new RangeError(`not a calendar date: ${text}`);
  return value;
}

/**
 * Visits still to be done whose target date is at most 12 months after `asOf`: `upcoming`
 * ones, and `window_open` ones even if the target has passed (the window still runs). Overdue
 * visits belong to the worklist, not to a calendar of what is due.
 */
export function selectDueVisits(visits: Iterable<ExportScheduledVisit>, asOf: string): ExportScheduledVisit[] {
  const horizon = formatCalendarDate(addMonths(dayNumber(asOf), HORIZON_MONTHS));
  const due: ExportScheduledVisit[] = [];
  for (const visit of visits) {
    if ((visit.status === "upcoming" || visit.status === "window_open") && visit.targetDate <= horizon) due.push(visit);
  }
  return due.sort((a, b) => (a.targetDate < b.targetDate ? -1 : a.targetDate > b.targetDate ? 1 : a.subjectCode < b.subjectCode ? -1 : a.subjectCode > b.subjectCode ? 1 : a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0));
}

/** A UID that stays the same across downloads, so calendar applications update instead of duplicating. */
export function visitUid(visit: Pick<ExportScheduledVisit, "subjectId" | "source" | "planVersion" | "visitId">, domain = "ltfu.invalid"): string {
  return `visit-${visit.subjectId}-${visit.source}-${visit.planVersion ?? "0"}-${visit.visitId}@${domain}`;
}

/**
 * RFC 5545 calendar of a site's visits due in the next 12 months: one all-day VEVENT per
 * visit on its target date (DTSTART;VALUE=DATE, DTEND the day after), the window in the
 * description. ical-generator escapes text (\, ; , and line breaks) and folds lines at 75 octets.
 */
export function renderSiteCalendar(input: SiteCalendarInput): string {
  const labels = input.labels ?? ENGLISH_CALENDAR_LABELS;
  const calendar = ical({
    name: labels.calendarName(input.site),
    prodId: { company: "ltfu", product: "ltfu-visits", language: labels.language ?? "EN" },
    method: ICalCalendarMethod.PUBLISH,
  });
  const contactModeValue = labels.contactModeValue ?? asCoded;
  const activityValue = labels.activityValue ?? asCoded;
  const statusValue = labels.statusValue ?? asCoded;
  for (const visit of selectDueVisits(input.visits, input.asOf)) {
    calendar.createEvent({
      id: visitUid(visit, input.uidDomain),
      // Calendar dates as strings: ical-generator reads them as UTC midnight and, with no
      // calendar time zone, writes all-day values from the UTC date, so no zone shifts a day.
      start: visit.targetDate,
      end: formatCalendarDate(addDays(dayNumber(visit.targetDate), 1)),
      allDay: true,
      stamp: input.generatedAt,
      summary: labels.summary(visit),
      description: [
        `${labels.window}: ${visit.windowStart} – ${visit.windowEnd}`,
        `${labels.contactMode}: ${contactModeValue(visit.contactMode)}`,
        `${labels.activities}: ${visit.activities.map(activityValue).join(", ")}`,
        `${labels.status}: ${statusValue(visit.status)}`,
      ].join("\n"),
    });
  }
  // RFC 5545 ends every content line with CRLF, the last one included.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
