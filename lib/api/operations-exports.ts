import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { AE_CATEGORIES, TRIGGER_IDS } from "@/lib/exports/types";
import { ZCalendarLanguage, ZDsurQuery } from "@/lib/validation/report";

const study = "/api/v1/studies/{studyId}";
const ZAsOfQuery = z.object({ asOf: z.string().optional().describe("Calendar date YYYY-MM-DD; the server's today when absent") });
const ZCalendarQuery = ZAsOfQuery.extend({
  token: z.string().optional().describe("A calendar feed token (POST /api/v1/calendar-feed-tokens), for calendar applications that cannot send a bearer header"),
  lang: ZCalendarLanguage,
});

const csvExport = (file: string, what: string): ApiOperation => ({
  method: "get",
  path: `${study}/export/${file}`,
  summary: `${what} of the study in the caller's scope as CSV (RFC 4180, header row, UTF-8 with BOM), streamed`,
  permission: "export:read",
  success: { status: 200, description: "CSV file", contentType: "text/csv" },
  errors: [404],
});

const count = z.number().int();
const ZAeByCategory = z.object({ total: count, serious: count, byCategory: z.object(Object.fromEntries(AE_CATEGORIES.map((c) => [c, z.object({ total: count, serious: count })]))) });
const ZByTrigger = z.object({ opened: count, byTrigger: z.object(Object.fromEntries(TRIGGER_IDS.map((t) => [t, count]))) });
/** lib/exports/dsur.ts DsurReport; definitions of each count there. */
const ZDsurReport = z.object({
  study: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  subjects: z.object({ inLtfu: count, enrolled: count, completed: count, withdrawn: count, lost_to_follow_up: count, died: count }),
  visits: z.object({ completed: count, missed: count, unscheduled: count, overdue: count.describe("overdue at the end of the period") }),
  adverseEvents: ZAeByCategory,
  malignancies: z.array(z.object({ subjectCode: z.string(), siteCode: z.string(), term: z.string(), onsetDate: z.string(), serious: z.boolean(), grade: count, relatedness: z.string(), outcome: z.string() })),
  escalations: ZByTrigger,
  amendments: z.object({
    plan: z.array(z.object({ version: count, effectiveDate: z.string(), reason: z.string().nullable() })),
    consent: z.array(z.object({ version: count, effectiveDate: z.string(), title: z.string() })),
  }),
  cumulative: z
    .object({
      subjects: z.object({ inLtfuAtEnd: count.describe("followed at the end of the period"), enrolled: count, completed: count, withdrawn: count, lost_to_follow_up: count, died: count }),
      visits: z.object({ completed: count, missed: count, unscheduled: count, overdue: count.describe("overdue at the end of the period (same as visits.overdue)") }),
      adverseEvents: ZAeByCategory,
      malignancies: count.describe("malignancies with onset on or before the period's end"),
      escalations: ZByTrigger,
    })
    .describe("The same figures from the start of follow-up to the end of the period (dates on or before `to`)"),
});

export const exportOperations: ApiOperation[] = [
  {
    method: "get",
    path: `${study}/reports/dsur`,
    summary: "The LTFU section of a DSUR for the period (CDE §2.3.2): subjects, visits, AEs and SAEs by category, malignancies, escalations by trigger (each for the period and cumulative to its end), plan and consent amendments; `format=csv` for CSV (long format; `count` = period, `cumulative` = to the period's end)",
    permission: "report:read",
    query: ZDsurQuery,
    success: { status: 200, description: "the report (JSON; text/csv with format=csv)", schema: ZDsurReport },
    errors: [400, 404],
  },
  csvExport("subjects.csv", "Subjects"),
  csvExport("visits.csv", "Visit records (assessments flattened, signature)"),
  csvExport("adverse-events.csv", "Adverse events"),
  csvExport("sample-results.csv", "Sample results"),
  {
    method: "get",
    path: `${study}/export/odm`,
    summary: "CDISC ODM 1.3.2 XML of the study in the caller's scope, streamed: schedule as StudyEventDefs (offsets and windows as LTFU: aliases), SubjectData per subject (visits, AEs, sample results, escalations), audit records with reasons for change, signatures (voided ones in ClinicalData/Signatures, see docs/decisions/009)",
    permission: "export:read",
    success: { status: 200, description: "ODM 1.3.2 file", contentType: "application/xml" },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/v1/sites/{siteId}/calendar.ics",
    summary: "iCalendar (RFC 5545) of the site's visits due in the next 12 months: one all-day event per visit on its target date, window in the description, stable UIDs; summaries and descriptions in English or Chinese (`lang`)",
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
