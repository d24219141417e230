import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { enrolSubjectAction, recordVisitAction, signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import { GET as getCalendar } from "@/app/api/v1/sites/[siteId]/calendar.ics/route";
import { GET as getAdverseEventsCsv } from "@/app/api/v1/studies/[studyId]/export/adverse-events.csv/route";
import { GET as getOdm } from "@/app/api/v1/studies/[studyId]/export/odm/route";
import { GET as getSampleResultsCsv } from "@/app/api/v1/studies/[studyId]/export/sample-results.csv/route";
import { GET as getSubjectsCsv } from "@/app/api/v1/studies/[studyId]/export/subjects.csv/route";
import { GET as getVisitsCsv } from "@/app/api/v1/studies/[studyId]/export/visits.csv/route";
import { GET as getDsur } from "@/app/api/v1/studies/[studyId]/reports/dsur/route";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { readStreamText } from "@/lib/exports/csv";
import { calendarDateToDb } from "@/lib/validation/calendar-date";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

/**
 * Every export, whole, byte for byte, on one fixed data set (fixed clinical dates; a
 * correction that voids a signature and a re-signing; a missed and an unscheduled visit; AEs,
 * a sample result, an open and a resolved escalation), against the files in golden/exports/.
 * Only what differs from run to run is replaced before comparing, each by a placeholder
 * numbered in order of first appearance (so equal values stay equal): record ids (cuid),
 * audit row numbers, instants written by the clock (audit times, signing times, generation
 * time, iCalendar DTSTAMP) and the fixture's random tag (site codes, e-mails, protocol).
 * `UPDATE_GOLDEN=1` rewrites the files (only when an output change is intended).
 */
const GOLDEN_DIR = path.join(__dirname, "golden", "exports");

let fx: SiteWorkFixture;
const tokens = new Map<string, string>();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function fetchText(handler: Handler, actor: Actor, url: string, params: Record<string, string>) {
  if (!tokens.has(actor.id)) tokens.set(actor.id, (await createApiToken(getDb(), { actor, name: "golden exports" })).token);
  const response = await handler(new Request(`http://test${url}`, { headers: { authorization: `Bearer ${tokens.get(actor.id)}` } }), { params: Promise.resolve(params) });
  expect(response.status).toBe(200);
  return readStreamText(response.body!);
}
const study = (handler: Handler, actor: Actor, suffix: string) => fetchText(handler, actor, `/api/v1/studies/${fx.studyId}${suffix}`, { studyId: fx.studyId });

/** Replaces the values that differ between runs; everything else is kept to the byte. */
function normalize(text: string, tag: string): string {
  const numbered = (pattern: RegExp, name: string) => {
    const seen = new Map<string, number>();
    text = text.replace(pattern, (match) => {
      if (!seen.has(match)) seen.set(match, seen.size + 1);
      return `<${name}${seen.get(match)}>`;
    });
  };
  text = text.replaceAll(tag, "<tag>");
  numbered(/\bc[a-z0-9]{24}\b/g, "id");
  numbered(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z/g, "instant");
  numbered(/\b\d{8}T\d{6}Z\b/g, "stamp");
  numbered(/(?<=AR\.|audit_log |audit record AR\.)\d+\b/g, "audit");
  numbered(/(?<=ODM\.<id\d+>\.)\d{8}T\d{6}\d*Z/g, "fileTime");
  return text;
}

function expectGolden(name: string, text: string) {
  const file = path.join(GOLDEN_DIR, name);
  const normalized = normalize(text, fx.site1.code.slice(3));
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, normalized);
  }
  expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1 once`).toBe(true);
  expect(normalized).toBe(readFileSync(file, "utf8"));
}

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  const db = getDb();
  const s1 = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "GLD-001", dosingDate: "2024-02-29" }))).id;
  const s2 = unwrap(await enrolSubjectAction.run(fx.investigator2, enrolmentInput(fx, { code: "GLD-002", siteId: fx.site2.id, sex: "male", yearOfBirth: 1975, dosingDate: "2025-01-10", consentDate: "2025-01-02", lot: "=LV,2024\"3" }))).id;
  const planned = await db.scheduledVisit.findMany({ where: { subjectId: s1, source: "plan" }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }], take: 2 });
  const [first, second] = planned.map((row) => ({ visitId: row.visitId, date: row.targetDate.toISOString().slice(0, 10) }));
  const recordId = unwrap(
    await recordVisitAction.run(fx.investigator, {
      subjectId: s1, visitId: first!.visitId, planVersion: 1, status: "completed", date: first!.date, contactMode: "clinic",
      assessments: { ...COMPLETED_ASSESSMENTS, newOrWorsenedDisease: [{ category: "neurological", description: "头痛, mild\nsecond line", onsetDate: "2024-08-01" }, "infection"] },
    }),
  ).id;
  unwrap(await signVisitAction.run(fx.investigator, { subjectId: s1, recordId, password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }));
  unwrap(await updateVisitAction.run(fx.investigator, { subjectId: s1, recordId, version: 1, reason: "Corrected after query Q-12: exam & labs <re-checked>", contactMode: "home" }));
  unwrap(await signVisitAction.run(fx.investigator, { subjectId: s1, recordId, password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }));
  unwrap(await recordVisitAction.run(fx.investigator, { subjectId: s1, visitId: second!.visitId, planVersion: 1, status: "missed", date: second!.date, reason: "subject travelling, +1 week" }));
  unwrap(await recordVisitAction.run(fx.investigator2, { subjectId: s2, unscheduled: true, status: "completed", date: "2025-03-15", contactMode: "phone", reason: "fever reported by phone", assessments: COMPLETED_ASSESSMENTS }));
  const tenancy = (subjectId: string, siteId: string, createdById: string) => ({ organizationId: fx.organization.id, studyId: fx.studyId, siteId, subjectId, createdById });
  const ae1 = await db.adverseEvent.create({ data: { ...tenancy(s1, fx.site1.id, fx.investigator.id), term: "T-cell lymphoma", onsetDate: calendarDateToDb("2025-03-02"), serious: true, seriousnessCriteria: ["hospitalisation", "life_threatening"], grade: 3, category: "malignancy", relatedness: "possible", outcome: "not_recovered", description: "not exported", visitRecordId: recordId } });
  const ae2 = await db.adverseEvent.create({ data: { ...tenancy(s2, fx.site2.id, fx.investigator2.id), term: "带状疱疹", onsetDate: calendarDateToDb("2025-05-10"), serious: false, seriousnessCriteria: [], grade: 2, category: "infection", relatedness: "unrelated", outcome: "recovered" } });
  const sr1 = await db.sampleResult.create({ data: { ...tenancy(s1, fx.site1.id, fx.investigator.id), kind: "integration_site_analysis", collectedDate: calendarDateToDb(first!.date), sampleType: "peripheral_blood", assay: "LAM-PCR + NGS", detected: true, value: 0.8, unit: "copies/cell", dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5, visitRecordId: recordId, note: "not exported" } });
  await db.sampleResult.create({ data: { ...tenancy(s2, fx.site2.id, fx.investigator2.id), kind: "vector_copy_number", collectedDate: calendarDateToDb("2025-04-01"), sampleType: "plasma", surrogate: true, assay: "qPCR", detected: false } });
  await db.escalation.create({ data: { organizationId: fx.organization.id, studyId: fx.studyId, siteId: fx.site1.id, subjectId: s1, trigger: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.2", openedDate: calendarDateToDb("2025-03-02"), sampleResultId: sr1.id } });
  await db.escalation.create({
    data: { organizationId: fx.organization.id, studyId: fx.studyId, siteId: fx.site2.id, subjectId: s2, trigger: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", citation: "CDE §2.3.2", openedDate: calendarDateToDb("2025-06-01"), dueDate: calendarDateToDb("2025-09-01"), status: "resolved", resolvedDate: calendarDateToDb("2025-08-15"), note: "retest: no dominant clone; 复查阴性", resolvedById: fx.investigator2.id, adverseEventId: ae2.id },
  });
  expect(ae1.id < ae2.id).toBe(true);
});
afterAll(disconnectDb);

describe("every export, whole, on fixed data (golden files)", () => {
  it("CSV files", async () => {
    expectGolden("subjects.csv", await study(getSubjectsCsv, fx.monitor, "/export/subjects.csv"));
    expectGolden("visits.csv", await study(getVisitsCsv, fx.monitor, "/export/visits.csv"));
    expectGolden("adverse-events.csv", await study(getAdverseEventsCsv, fx.monitor, "/export/adverse-events.csv"));
    expectGolden("sample-results.csv", await study(getSampleResultsCsv, fx.monitor, "/export/sample-results.csv"));
  });

  it("ODM: the monitor's file and a site investigator's", async () => {
    expectGolden("odm-monitor.xml", await study(getOdm, fx.monitor, "/export/odm"));
    expectGolden("odm-investigator2.xml", await study(getOdm, fx.investigator2, "/export/odm"));
  });

  it("DSUR: JSON and CSV", async () => {
    const json = await study(getDsur, fx.monitor, "/reports/dsur?from=2025-01-01&to=2025-12-31");
    expectGolden("dsur.json", json);
    expectGolden("dsur.csv", await study(getDsur, fx.monitor, "/reports/dsur?from=2025-01-01&to=2025-12-31&format=csv"));
  });

  it("site calendar, in both languages", async () => {
    const feed = (lang: string) => fetchText(getCalendar, fx.investigator, `/api/v1/sites/${fx.site1.id}/calendar.ics?asOf=2025-06-01&lang=${lang}`, { siteId: fx.site1.id });
    expectGolden("calendar-en.ics", await feed("en"));
    expectGolden("calendar-zh-CN.ics", await feed("zh-CN"));
  });
});
