import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";

const study = "/api/v1/studies/{studyId}";
const ZAsOfQuery = z.object({ asOf: z.string().optional().describe("Calendar date YYYY-MM-DD; the server's today when absent") });
const ZCalendarQuery = ZAsOfQuery.extend({ token: z.string().optional().describe("A calendar feed token (POST /api/v1/calendar-feed-tokens), for calendar applications that cannot send a bearer header") });

const csvExport = (file: string, what: string): ApiOperation => ({
  method: "get",
  path: `${study}/export/${file}`,
  summary: `${what} of the study in the caller's scope as CSV (RFC 4180, header row, UTF-8 with BOM), streamed`,
  permission: "export:read",
  success: { status: 200, description: "CSV file", contentType: "text/csv" },
  errors: [404],
});

export const exportOperations: ApiOperation[] = [
  csvExport("subjects.csv", "Subjects"),
  csvExport("visits.csv", "Visit records (assessments flattened, signature)"),
  {
    method: "get",
    path: "/api/v1/sites/{siteId}/calendar.ics",
    summary: "iCalendar (RFC 5545) of the site's visits due in the next 12 months: one all-day event per visit on its target date, window in the description, stable UIDs",
    permission: "calendar:read",
    query: ZCalendarQuery,
    success: { status: 200, description: "iCalendar file", contentType: "text/calendar" },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/api/v1/calendar-feed-tokens",
    summary: "A new calendar feed token for `calendar.ics?token=` (refused as a bearer token; listed and revoked with the API tokens)",
    permission: "token:manage",
    success: { status: 201, description: "the token, shown once", schema: z.object({ id: z.string(), token: z.string(), prefix: z.string() }) },
  },
];
