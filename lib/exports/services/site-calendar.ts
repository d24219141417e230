import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { studyScopeFilter } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { renderSiteCalendar, type CalendarLabels } from "@/lib/exports/ical";
import type { ExportScheduledVisit, ExportSite } from "@/lib/exports/types";
import { addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

interface ScheduledVisitRow {
  subjectId: string;
  subjectCode: string;
  siteCode: string;
  source: string;
  visitId: string;
  planVersion: number | null;
  targetDate: Date;
  windowStart: Date;
  windowEnd: Date;
  contactMode: string;
  activities: string[];
  status: string;
}

/**
 * A site's scheduled visits whose window has not closed by `asOf` and whose target is at most 12
 * months on, with their status at `asOf` (the SQL twin of lib/schedule's status, from the site
 * work migration), for the subjects of the studies the caller may read. One query.
 */
async function listSiteVisitsDue(db: Db, options: { siteId: string; studyIds: string[]; asOf: string }): Promise<ExportScheduledVisit[]> {
  if (options.studyIds.length === 0) return [];
  const asOf = parseCalendarDate(options.asOf);
  if (asOf === null) throw new AppError("bad_request", "asOf: must be a calendar date", "asOf", { key: "refusal.asOfInvalid" });
  // Dates go to SQL as YYYY-MM-DD text cast to date: a Date parameter is a timestamptz whose
  // ::date would depend on the session's time zone.
  const horizon = formatCalendarDate(addMonths(asOf, 12));
  const asOfDate = options.asOf;
  const rows = await db.$queryRaw<ScheduledVisitRow[]>`
    SELECT sv."subjectId", s."code" AS "subjectCode", site."code" AS "siteCode", sv."source", sv."visitId", sv."planVersion",
           sv."targetDate", sv."windowStart", sv."windowEnd", sv."contactMode", sv."activities",
           ltfu_visit_status(sv."targetDate", sv."windowStart", sv."windowEnd", vr."status", s."status", s."statusDate", ${asOfDate}::date) AS "status"
    FROM "scheduled_visit" sv
    JOIN "subject" s ON s."id" = sv."subjectId"
    JOIN "site" site ON site."id" = s."siteId"
    LEFT JOIN "visit_record" vr ON vr."subjectId" = sv."subjectId" AND vr."visitId" = sv."visitId" AND vr."planVersion" IS NOT DISTINCT FROM sv."planVersion"
    WHERE s."siteId" = ${options.siteId} AND s."studyId" = ANY(${options.studyIds}) AND sv."windowEnd" >= ${asOfDate}::date AND sv."targetDate" <= ${horizon}::date
    ORDER BY sv."targetDate", s."code", sv."visitId"`;
  return rows.map((row) => ({
    subjectId: row.subjectId,
    subjectCode: row.subjectCode,
    siteCode: row.siteCode,
    source: row.source as ExportScheduledVisit["source"],
    visitId: row.visitId,
    planVersion: row.planVersion,
    targetDate: calendarDateFromDb(row.targetDate),
    windowStart: calendarDateFromDb(row.windowStart),
    windowEnd: calendarDateFromDb(row.windowEnd),
    contactMode: row.contactMode,
    activities: row.activities,
    status: row.status as ExportScheduledVisit["status"],
  }));
}

/** The site as the caller may see it: of its organisation, and for an investigator one of its sites. */
async function getVisibleSite(db: Db, options: { actor: Actor; siteId: string }): Promise<ExportSite> {
  const { actor, siteId } = options;
  if (actor.role === "INVESTIGATOR" && !actor.siteIds.includes(siteId)) throw new AppError("not_found", "No such site.", undefined, { key: "refusal.noSuchSite" });
  const site = await db.site.findFirst({ where: { id: siteId, organizationId: actor.organizationId }, select: { id: true, code: true, name: true } });
  if (!site) throw new AppError("not_found", "No such site.", undefined, { key: "refusal.noSuchSite" });
  return site;
}

/** RFC 5545 text of a site's visits due in the next 12 months (upcoming or window open at `asOf`). */
export async function buildSiteCalendar(db: Db, options: { actor: Actor; siteId: string; asOf: string; generatedAt: string; labels?: CalendarLabels; uidDomain?: string }): Promise<string> {
  const site = await getVisibleSite(db, options);
  const studies = await db.study.findMany({ where: { ...studyScopeFilter(options.actor), sites: { some: { siteId: site.id } } }, select: { id: true } });
  const visits = await listSiteVisitsDue(db, { siteId: site.id, studyIds: studies.map((s) => s.id), asOf: options.asOf });
  return renderSiteCalendar({ site, visits, asOf: options.asOf, generatedAt: options.generatedAt, labels: options.labels, uidDomain: options.uidDomain });
}
