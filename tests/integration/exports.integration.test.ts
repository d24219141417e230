import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activateConsentVersionAction, createConsentVersionAction } from "@/app/(app)/studies/actions";
import { changeSubjectStatusAction, enrolSubjectAction, recordVisitAction, signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import { POST as postFeedToken } from "@/app/api/v1/calendar-feed-tokens/route";
import { GET as getCalendar } from "@/app/api/v1/sites/[siteId]/calendar.ics/route";
import { GET as getAdverseEventsCsv } from "@/app/api/v1/studies/[studyId]/export/adverse-events.csv/route";
import { GET as getOdm } from "@/app/api/v1/studies/[studyId]/export/odm/route";
import { GET as getSampleResultsCsv } from "@/app/api/v1/studies/[studyId]/export/sample-results.csv/route";
import { GET as getSubjectsCsv } from "@/app/api/v1/studies/[studyId]/export/subjects.csv/route";
import { GET as getVisitsCsv } from "@/app/api/v1/studies/[studyId]/export/visits.csv/route";
import { GET as getDsur } from "@/app/api/v1/studies/[studyId]/reports/dsur/route";
import { GET as getSubject } from "@/app/api/v1/subjects/[id]/route";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { readStreamText } from "@/lib/exports/csv";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import { calendarDateFromDb, calendarDateToDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan } from "@/lib/validation/plan";
import { validateOdm, xpathString } from "@/tests/odm-schema";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

const BOM = "\uFEFF";
let fx: SiteWorkFixture;
let s1: string;
let s2: string;
let recordId: string;
let firstVisit: { visitId: string; targetDate: string };
let signedAt: string;
let ae1: string;
let ae2: string;
let sr1: string;
const tokens = new Map<string, string>();

async function bearerFor(actor: Actor) {
  if (!tokens.has(actor.id)) tokens.set(actor.id, (await createApiToken(getDb(), { actor, name: "exports test" })).token);
  return { authorization: `Bearer ${tokens.get(actor.id)}` };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(handler: Handler, actor: Actor | null, url: string, params: Record<string, string>, init: RequestInit = {}) {
  const headers = actor ? await bearerFor(actor) : {};
  return handler(new Request(`http://test${url}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } }), { params: Promise.resolve(params) });
}
const studyCall = (handler: Handler, actor: Actor, path: string) => call(handler, actor, `/api/v1/studies/${fx.studyId}${path}`, { studyId: fx.studyId });
const text = async (response: Response) => readStreamText(response.body!);

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  s1 = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "EXP-001", dosingDate: "2024-02-29" }))).id;
  s2 = unwrap(await enrolSubjectAction.run(fx.investigator2, enrolmentInput(fx, { code: "EXP-002", siteId: fx.site2.id, sex: "male", yearOfBirth: 1975, dosingDate: "2025-01-10", consentDate: "2025-01-02", lot: "LV,2024\"3" }))).id;
  const first = await getDb().scheduledVisit.findFirstOrThrow({ where: { subjectId: s1, source: "plan" }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }] });
  firstVisit = { visitId: first.visitId, targetDate: calendarDateFromDb(first.targetDate) };
  recordId = unwrap(await recordVisitAction.run(fx.investigator, { subjectId: s1, visitId: first.visitId, planVersion: 1, status: "completed", date: firstVisit.targetDate, contactMode: "clinic", assessments: { ...COMPLETED_ASSESSMENTS, newOrWorsenedDisease: [{ category: "neurological", description: "头痛, mild", onsetDate: "2024-08-01" }, "infection"] } })).id;
  unwrap(await signVisitAction.run(fx.investigator, { subjectId: s1, recordId, password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }));
  signedAt = (await getDb().visitSignature.findFirstOrThrow({ where: { visitRecordId: recordId } })).signedAt.toISOString();
  // The safety services record these through their own routes; the exports only read the rows.
  const tenancy = (subjectId: string, siteId: string) => ({ organizationId: fx.organization.id, studyId: fx.studyId, siteId, subjectId, createdById: fx.investigator.id });
  ae1 = (await getDb().adverseEvent.create({ data: { ...tenancy(s1, fx.site1.id), term: "T-cell lymphoma", onsetDate: calendarDateToDb("2025-03-02"), serious: true, seriousnessCriteria: ["hospitalisation"], grade: 3, category: "malignancy", relatedness: "possible", outcome: "not_recovered" } })).id;
  ae2 = (await getDb().adverseEvent.create({ data: { ...tenancy(s2, fx.site2.id), createdById: fx.investigator2.id, term: "带状疱疹", onsetDate: calendarDateToDb("2025-05-10"), serious: false, seriousnessCriteria: [], grade: 2, category: "infection", relatedness: "unrelated", outcome: "recovered" } })).id;
  sr1 = (await getDb().sampleResult.create({ data: { ...tenancy(s1, fx.site1.id), kind: "integration_site_analysis", collectedDate: calendarDateToDb(firstVisit.targetDate), sampleType: "peripheral_blood", assay: "LAM-PCR + NGS", detected: true, value: 0.8, unit: "copies/cell", dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5, visitRecordId: recordId } })).id;
  await getDb().escalation.create({ data: { organizationId: fx.organization.id, studyId: fx.studyId, siteId: fx.site1.id, subjectId: s1, trigger: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", citation: "CDE §2.3.2", openedDate: calendarDateToDb("2025-03-02"), adverseEventId: ae1 } });
});
afterAll(disconnectDb);

const SUBJECT_HEADER = "id,studyId,siteId,siteCode,code,yearOfBirth,sex,dosingDate,lot,status,statusDate,consentVersion,consentDate,reconsentDue,extensionActive,extensionSince,version";

describe("CSV exports (scoped, exact rows)", () => {
  it("subjects.csv: a site investigator gets its site only; the monitor both, in code order", async () => {
    const row1 = `${s1},${fx.studyId},${fx.site1.id},${fx.site1.code},EXP-001,1980,female,2024-02-29,LV-2023-117,active,,1,2024-02-01,false,false,,1`;
    const row2 = `${s2},${fx.studyId},${fx.site2.id},${fx.site2.code},EXP-002,1975,male,2025-01-10,"LV,2024""3",active,,1,2025-01-02,false,false,,1`;
    const investigator = await studyCall(getSubjectsCsv, fx.investigator, "/export/subjects.csv");
    expect(investigator.status).toBe(200);
    expect(investigator.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await text(investigator)).toBe(`${BOM}${SUBJECT_HEADER}\r\n${row1}\r\n`);
    expect(await text(await studyCall(getSubjectsCsv, fx.investigator2, "/export/subjects.csv"))).toBe(`${BOM}${SUBJECT_HEADER}\r\n${row2}\r\n`);
    expect(await text(await studyCall(getSubjectsCsv, fx.monitor, "/export/subjects.csv"))).toBe(`${BOM}${SUBJECT_HEADER}\r\n${row1}\r\n${row2}\r\n`);
  });

  it("visits.csv: the record with its flattened assessments and valid signature", async () => {
    const body = await text(await studyCall(getVisitsCsv, fx.sponsor, "/export/visits.csv"));
    expect(body.split("\r\n")).toEqual([
      `${BOM}id,subjectId,subjectCode,siteCode,visitId,planVersion,unscheduled,status,date,contactMode,history,drugExposure,newOrWorsenedDisease,physicalExam,labs,pregnancy,reason,version,signatureSignerName,signatureSignerEmail,signatureSignedAt,signatureMeaning,signatureValid`,
      `${recordId},${s1},EXP-001,${fx.site1.code},${firstVisit.visitId},1,false,completed,${firstVisit.targetDate},clinic,true,none,"neurological: 头痛, mild (onset 2024-08-01); infection",true,true,not_applicable,,1,${fx.investigator.name},${fx.investigator.email},${signedAt},reviewed_and_approved,true`,
      "",
    ]);
    expect(await text(await studyCall(getVisitsCsv, fx.investigator2, "/export/visits.csv"))).toBe(`${body.split("\r\n")[0]}\r\n`);
  });

  it("adverse-events.csv and sample-results.csv: exact rows, scoped", async () => {
    const aes = await text(await studyCall(getAdverseEventsCsv, fx.monitor, "/export/adverse-events.csv"));
    const aeRows = aes.split("\r\n").slice(1, -1).sort();
    expect(aeRows).toEqual(
      [
        `${ae1},${s1},EXP-001,${fx.site1.code},T-cell lymphoma,2025-03-02,true,hospitalisation,3,malignancy,possible,not_recovered,false,1`,
        `${ae2},${s2},EXP-002,${fx.site2.code},带状疱疹,2025-05-10,false,,2,infection,unrelated,recovered,false,1`,
      ].sort(),
    );
    const mine = await text(await studyCall(getAdverseEventsCsv, fx.investigator2, "/export/adverse-events.csv"));
    expect(mine.split("\r\n").slice(1, -1)).toEqual([`${ae2},${s2},EXP-002,${fx.site2.code},带状疱疹,2025-05-10,false,,2,infection,unrelated,recovered,false,1`]);
    const samples = await text(await studyCall(getSampleResultsCsv, fx.investigator, "/export/sample-results.csv"));
    expect(samples.split("\r\n").slice(1)).toEqual([`${sr1},${s1},EXP-001,${fx.site1.code},integration_site_analysis,${firstVisit.targetDate},peripheral_blood,false,LAM-PCR + NGS,true,0.8,copies/cell,true,false,false,31.5,${recordId},1`, ""]);
    expect((await text(await studyCall(getSampleResultsCsv, fx.investigator2, "/export/sample-results.csv"))).split("\r\n").slice(1)).toEqual([""]);
  });

  it("another organisation's study is 404 for every export; an unknown token is 401", async () => {
    const other = await createSiteWorkFixture();
    for (const [handler, path] of [[getSubjectsCsv, "/export/subjects.csv"], [getOdm, "/export/odm"], [getDsur, "/reports/dsur?from=2024-01-01&to=2024-12-31"]] as const) {
      const response = await call(handler, other.sponsor, `/api/v1/studies/${fx.studyId}${path}`, { studyId: fx.studyId });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const unknown = await call(getSubjectsCsv, null, `/api/v1/studies/${fx.studyId}/export/subjects.csv`, { studyId: fx.studyId }, { headers: { authorization: "Bearer ltfu_unknown" } });
    expect(unknown.status).toBe(401);
  });
});

describe("DSUR LTFU section", () => {
  async function expectedOverdue(subjectIds: string[], asOf: string) {
    const plan = ZPlan.parse((await getDb().planVersion.findUniqueOrThrow({ where: { id: fx.planId } })).plan);
    let overdue = 0;
    for (const subjectId of subjectIds) {
      const subject = await getDb().subject.findUniqueOrThrow({ where: { id: subjectId }, include: { visitRecords: true } });
      const schedule = buildSchedule({
        dosingDate: calendarDateFromDb(subject.dosingDate),
        asOf,
        planVersions: [{ version: 1, effectiveDate: "2015-01-01", plan }],
        records: subject.visitRecords.map((r) => ({ visitId: r.visitId, planVersion: r.planVersion ?? 1, status: r.status as "completed", date: calendarDateFromDb(r.date) })),
        subject: { status: "active" },
      });
      overdue += schedule.visits.filter((v) => v.status === "overdue").length;
    }
    return overdue;
  }

  it("counts the period's subjects, visits, AEs by category, malignancies and escalations over the caller's scope", async () => {
    const response = await studyCall(getDsur, fx.monitor, "/reports/dsur?from=2024-01-01&to=2025-12-31");
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.subjects).toEqual({ inLtfu: 2, enrolled: 2, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 });
    expect(report.visits).toEqual({ completed: 1, missed: 0, unscheduled: 0, overdue: await expectedOverdue([s1, s2], "2025-12-31") });
    expect(report.visits.overdue).toBeGreaterThan(0);
    expect(report.adverseEvents.total).toBe(2);
    expect(report.adverseEvents.serious).toBe(1);
    expect(report.adverseEvents.byCategory.malignancy).toEqual({ total: 1, serious: 1 });
    expect(report.adverseEvents.byCategory.infection).toEqual({ total: 1, serious: 0 });
    expect(report.malignancies).toEqual([{ subjectCode: "EXP-001", siteCode: fx.site1.code, term: "T-cell lymphoma", onsetDate: "2025-03-02", serious: true, grade: 3, relatedness: "possible", outcome: "not_recovered" }]);
    expect(report.escalations).toEqual({ opened: 1, byTrigger: { vector_positive_above_expected: 0, dominant_clone: 0, clonal_expansion_or_oncogene_site: 0, rcl_rcr_suspected_ae: 0, suspected_related_ae: 1, persistence_at_period_end: 0 } });
    expect(report.amendments).toEqual({ plan: [], consent: [] });
    // The period covers all the data: cumulative and period figures agree, and both subjects are followed at its end.
    expect(report.cumulative).toEqual({
      subjects: { inLtfuAtEnd: 2, enrolled: 2, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 },
      visits: report.visits,
      adverseEvents: report.adverseEvents,
      malignancies: 1,
      escalations: report.escalations,
    });
  });

  it("states cumulative figures beside the period's: a period after the first year counts only its own events", async () => {
    const report = await (await studyCall(getDsur, fx.monitor, "/reports/dsur?from=2025-04-01&to=2025-12-31")).json();
    const zeroTriggers = { vector_positive_above_expected: 0, dominant_clone: 0, clonal_expansion_or_oncogene_site: 0, rcl_rcr_suspected_ae: 0, suspected_related_ae: 0, persistence_at_period_end: 0 };
    const zeroCategories = { malignancy: { total: 0, serious: 0 }, neurological: { total: 0, serious: 0 }, immunogenic_autoimmune: { total: 0, serious: 0 }, infection: { total: 0, serious: 0 }, haematological: { total: 0, serious: 0 }, other: { total: 0, serious: 0 } };
    expect(firstVisit.targetDate < "2025-04-01").toBe(true);
    expect(report.subjects).toEqual({ inLtfu: 2, enrolled: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 });
    expect(report.visits).toMatchObject({ completed: 0, missed: 0, unscheduled: 0 });
    expect(report.adverseEvents).toEqual({ total: 1, serious: 0, byCategory: { ...zeroCategories, infection: { total: 1, serious: 0 } } });
    expect(report.malignancies).toEqual([]);
    expect(report.escalations).toEqual({ opened: 0, byTrigger: zeroTriggers });
    expect(report.cumulative).toEqual({
      subjects: { inLtfuAtEnd: 2, enrolled: 2, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 },
      visits: { completed: 1, missed: 0, unscheduled: 0, overdue: report.visits.overdue },
      adverseEvents: { total: 2, serious: 1, byCategory: { ...zeroCategories, malignancy: { total: 1, serious: 1 }, infection: { total: 1, serious: 0 } } },
      malignancies: 1,
      escalations: { opened: 1, byTrigger: { ...zeroTriggers, suspected_related_ae: 1 } },
    });
    // The investigator of site 2 sees its own subject only, period and cumulative.
    const mine = await (await studyCall(getDsur, fx.investigator2, "/reports/dsur?from=2025-04-01&to=2025-12-31")).json();
    expect(mine.cumulative.subjects).toEqual({ inLtfuAtEnd: 1, enrolled: 1, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 });
    expect(mine.cumulative.adverseEvents.total).toBe(1);
    expect(mine.cumulative.malignancies).toBe(0);
    expect(mine.cumulative.escalations.opened).toBe(0);
    const csv = (await text(await studyCall(getDsur, fx.monitor, "/reports/dsur?from=2025-04-01&to=2025-12-31&format=csv"))).split("\r\n");
    expect(csv[0]).toBe(`${BOM}section,item,count,date,subjectCode,detail,cumulative`);
    expect(csv).toContain("subjects,enrolled,0,,,,2");
    expect(csv).toContain("subjects,inLtfuAtEnd,,,,,2");
    expect(csv).toContain("visits,completed,0,,,,1");
    expect(csv).toContain("adverse_events_by_category,malignancy,0,,,,1");
    expect(csv).toContain("malignancies_count,total,0,,,,1");
    expect(csv).toContain("escalations_opened_by_trigger,suspected_related_ae,0,,,,1");
  });

  it("an investigator's report covers its site only; a period before the data counts nothing", async () => {
    const report = await (await studyCall(getDsur, fx.investigator2, "/reports/dsur?from=2025-01-01&to=2025-06-30")).json();
    expect(report.subjects).toEqual({ inLtfu: 1, enrolled: 1, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 });
    expect(report.adverseEvents.total).toBe(1);
    expect(report.malignancies).toEqual([]);
    expect(report.escalations.opened).toBe(0);
    const before = await (await studyCall(getDsur, fx.sponsor, "/reports/dsur?from=2020-01-01&to=2020-12-31")).json();
    expect(before.subjects.inLtfu).toBe(0);
    expect(before.visits).toEqual({ completed: 0, missed: 0, unscheduled: 0, overdue: 0 });
  });

  it("format=csv gives the same counts; a bad period is 400 naming the field", async () => {
    const response = await studyCall(getDsur, fx.monitor, "/reports/dsur?from=2024-01-01&to=2025-12-31&format=csv");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await text(response)).split("\r\n");
    expect(lines[0]).toBe(`${BOM}section,item,count,date,subjectCode,detail,cumulative`);
    expect(lines).toContain("subjects,inLtfu,2,,,,");
    expect(lines).toContain("adverse_events_by_category,malignancy,1,,,,1");
    expect(lines).toContain(`malignancies,T-cell lymphoma,,2025-03-02,EXP-001,site=${fx.site1.code}; serious=true; grade=3; relatedness=possible; outcome=not_recovered,`);
    const bad = await studyCall(getDsur, fx.monitor, "/reports/dsur?from=2025-12-31&to=2025-01-01");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", field: "to" } });
    const missing = await studyCall(getDsur, fx.monitor, "/reports/dsur?to=2025-01-01");
    expect(await missing.json()).toMatchObject({ error: { code: "bad_request", field: "from" } });
  });
});

describe("CDISC ODM 1.3.2 export of real data", () => {
  it("validates against the official schema and holds the caller's subjects with signatures and audit records", async () => {
    const response = await studyCall(getOdm, fx.monitor, "/export/odm");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await text(response);
    const verdict = validateOdm(xml);
    expect(verdict.messages).toContain("validates");
    expect(verdict.valid).toBe(true);
    const el = (name: string) => `*[local-name()='${name}']`;
    expect(xpathString(xml, `count(//${el("SubjectData")})`)).toBe("2");
    expect(xpathString(xml, `//${el("SubjectData")}[1]/@SubjectKey`)).toBe("EXP-001");
    expect(xpathString(xml, `count(//${el("StudyEventDef")}[@OID='SE.P1.${firstVisit.visitId}'])`)).toBe("1");
    const form = `//${el("SubjectData")}[@SubjectKey='EXP-001']/${el("StudyEventData")}[@StudyEventOID='SE.P1.${firstVisit.visitId}']/${el("FormData")}`;
    expect(xpathString(xml, `${form}/${el("Signature")}/${el("UserRef")}/@UserOID`)).toBe(`U.${fx.investigator.id}`);
    expect(xpathString(xml, `${form}/${el("AuditRecord")}/${el("UserRef")}/@UserOID`)).toBe(`U.${fx.investigator.id}`);
    expect(xpathString(xml, `//${el("FormData")}[@FormOID='F.AE'][@FormRepeatKey='${ae1}']//${el("ItemData")}[@ItemOID='I.AE.TERM']/@Value`)).toBe("T-cell lymphoma");
    // The plan's activation with its reason is in the trail.
    expect(xpathString(xml, `count(//${el("AuditRecords")}/${el("AuditRecord")}[${el("ReasonForChange")}='initial plan'])`)).toBe("1");
    const investigatorXml = await text(await studyCall(getOdm, fx.investigator2, "/export/odm"));
    expect(validateOdm(investigatorXml).valid).toBe(true);
    expect(xpathString(investigatorXml, `count(//${el("SubjectData")})`)).toBe("1");
    expect(xpathString(investigatorXml, `//${el("SubjectData")}/@SubjectKey`)).toBe("EXP-002");
    expect(investigatorXml).not.toContain(s1);
  });

  it("with escalations and a voided signature: still valid; escalations as forms, the void as Signature + AuditRecord + annotation", async () => {
    const el = (name: string) => `*[local-name()='${name}']`;
    // A correction voids the signature (the real path: reason to the audit trail), then the investigator signs again.
    const before = await getDb().visitSignature.findFirstOrThrow({ where: { visitRecordId: recordId } });
    unwrap(await updateVisitAction.run(fx.investigator, { subjectId: s1, recordId, version: 1, reason: "Corrected after query Q-12: exam & labs <re-checked>", contactMode: "home" }));
    unwrap(await signVisitAction.run(fx.investigator, { subjectId: s1, recordId, password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }));
    const resigned = await getDb().visitSignature.findFirstOrThrow({ where: { visitRecordId: recordId, voidedAt: null } });
    const voidAudit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "VisitSignature", entityId: before.id, action: "void" } });
    // A resolved escalation of site 2's subject (the safety services record these; the exports only read them).
    const resolved = await getDb().escalation.create({
      data: { organizationId: fx.organization.id, studyId: fx.studyId, siteId: fx.site2.id, subjectId: s2, trigger: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.2", openedDate: calendarDateToDb("2025-06-01"), dueDate: calendarDateToDb("2025-09-01"), status: "resolved", resolvedDate: calendarDateToDb("2025-08-15"), note: "retest: no dominant clone; 复查阴性", resolvedById: fx.investigator2.id, adverseEventId: ae2 },
    });

    const xml = await text(await studyCall(getOdm, fx.monitor, "/export/odm"));
    const verdict = validateOdm(xml);
    expect(verdict.messages).toContain("validates");
    expect(verdict.valid).toBe(true);

    // Escalations: defined in the metadata, one form each in the subject's safety event.
    expect(xpathString(xml, `count(//${el("FormDef")}[@OID='F.ESCALATION'])`)).toBe("1");
    expect(xpathString(xml, `count(//${el("FormData")}[@FormOID='F.ESCALATION'])`)).toBe("2");
    const esc = `//${el("SubjectData")}[@SubjectKey='EXP-002']//${el("FormData")}[@FormOID='F.ESCALATION'][@FormRepeatKey='${resolved.id}']`;
    const item = (oid: string) => xpathString(xml, `${esc}//${el("ItemData")}[@ItemOID='I.ESCALATION.${oid}']/@Value`);
    expect([item("TRIGGER"), item("CITATION"), item("OPENED_DATE"), item("DUE_DATE"), item("STATUS"), item("RESOLVED_DATE"), item("NOTE"), item("ADVERSE_EVENT_ID")]).toEqual([
      "dominant_clone", "CDE §2.4.2", "2025-06-01", "2025-09-01", "resolved", "2025-08-15", "retest: no dominant clone; 复查阴性", ae2,
    ]);
    const open = `//${el("SubjectData")}[@SubjectKey='EXP-001']//${el("FormData")}[@FormOID='F.ESCALATION']`;
    expect(xpathString(xml, `${open}//${el("ItemData")}[@ItemOID='I.ESCALATION.TRIGGER']/@Value`)).toBe("suspected_related_ae");
    expect(xpathString(xml, `${open}//${el("ItemData")}[@ItemOID='I.ESCALATION.STATUS']/@Value`)).toBe("open");

    // The visit form carries the new, valid signature only; the voided one is whole in ClinicalData/Signatures.
    const visitForm = `//${el("SubjectData")}[@SubjectKey='EXP-001']/${el("StudyEventData")}[@StudyEventOID='SE.P1.${firstVisit.visitId}']/${el("FormData")}`;
    expect(xpathString(xml, `${visitForm}/${el("Signature")}/${el("DateTimeStamp")}`)).toBe(resigned.signedAt.toISOString());
    const voided = `//${el("ClinicalData")}/${el("Signatures")}/${el("Signature")}[@ID='SG.${before.id}']`;
    expect(xpathString(xml, `count(//${el("ClinicalData")}/${el("Signatures")}/${el("Signature")})`)).toBe("1");
    expect(xpathString(xml, `${voided}/${el("UserRef")}/@UserOID`)).toBe(`U.${fx.investigator.id}`);
    expect(xpathString(xml, `${voided}/${el("LocationRef")}/@LocationOID`)).toBe(`L.${fx.site1.id}`);
    expect(xpathString(xml, `${voided}/${el("SignatureRef")}/@SignatureOID`)).toBe("SD.reviewed_and_approved");
    expect(xpathString(xml, `${voided}/${el("DateTimeStamp")}`)).toBe(signedAt);
    // Its void: an AuditRecord with the reason for change, named by the form's annotation.
    const voidRecord = `//${el("AuditRecords")}/${el("AuditRecord")}[@ID='AR.${voidAudit.id}']`;
    expect(xpathString(xml, `${voidRecord}/${el("ReasonForChange")}`)).toBe("Corrected after query Q-12: exam & labs <re-checked>");
    expect(xpathString(xml, `${voidRecord}/${el("SourceID")}`)).toBe(`audit_log ${voidAudit.id}: VisitSignature ${before.id} void`);
    expect(xpathString(xml, `${visitForm}/${el("Annotation")}/${el("Flag")}/${el("FlagValue")}`)).toBe("voided");
    const comment = xpathString(xml, `${visitForm}/${el("Annotation")}/${el("Comment")}`);
    expect(comment).toContain(`Signature SG.${before.id} (reviewed_and_approved, ${fx.investigator.name} <${fx.investigator.email}>, signed ${signedAt} for record version 1)`);
    expect(comment).toContain(`: Corrected after query Q-12: exam & labs <re-checked>; audit record AR.${voidAudit.id}`);

    // Scope: site 2's investigator sees its escalation, and neither the other site's signatures nor its escalation.
    const mine = await text(await studyCall(getOdm, fx.investigator2, "/export/odm"));
    expect(validateOdm(mine).valid).toBe(true);
    expect(xpathString(mine, `count(//${el("FormData")}[@FormOID='F.ESCALATION'])`)).toBe("1");
    expect(xpathString(mine, `count(//${el("Signature")}[@ID])`)).toBe("0");
    expect(mine).not.toContain(before.id);
  });
});

describe("site calendar (iCalendar)", () => {
  it("lists the site's visits due within 12 months as all-day events, parsed back by ical.js", async () => {
    const response = await call(getCalendar, fx.investigator, `/api/v1/sites/${fx.site1.id}/calendar.ics?asOf=2024-03-01`, { siteId: fx.site1.id });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const rows = await getDb().scheduledVisit.findMany({ where: { subjectId: s1, targetDate: { lte: calendarDateToDb("2025-03-01") }, windowEnd: { gte: calendarDateToDb("2024-03-01") } }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }] });
    const due = rows.filter((r) => r.visitId !== firstVisit.visitId);
    expect(due.length).toBeGreaterThan(0);
    expect(events.map((e) => e.uid)).toEqual(due.map((r) => `visit-${s1}-plan-1-${r.visitId}@ltfu.invalid`));
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
    expect(events[0]!.startDate.toString()).toBe(calendarDateFromDb(due[0]!.targetDate));
    expect(events[0]!.description).toContain(`Window: ${calendarDateFromDb(due[0]!.windowStart)} – ${calendarDateFromDb(due[0]!.windowEnd)}`);
  });

  it("speaks the reader's language: ?lang=zh-CN (a feed token's link), the remembered cookie, Accept-Language; a bad lang is 400", async () => {
    const created = await call(postFeedToken, fx.investigator, "/api/v1/calendar-feed-tokens", {}, { method: "POST" });
    const { token } = (await created.json()) as { token: string };
    const base = `/api/v1/sites/${fx.site1.id}/calendar.ics?asOf=2024-03-01`;
    const response = await call(getCalendar, null, `${base}&token=${encodeURIComponent(token)}&lang=zh-CN`, { siteId: fx.site1.id });
    expect(response.status).toBe(200);
    const zh = await response.text();
    const component = new ICAL.Component(ICAL.parse(zh));
    expect(component.getFirstPropertyValue("x-wr-calname")).toBe(`长期随访访视 ${fx.site1.code} ${fx.site1.name}`);
    const events = component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const rows = await getDb().scheduledVisit.findMany({ where: { subjectId: s1, targetDate: { lte: calendarDateToDb("2025-03-01") }, windowEnd: { gte: calendarDateToDb("2024-03-01") } }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }] });
    const due = rows.filter((r) => r.visitId !== firstVisit.visitId);
    expect(events.map((e) => e.summary)).toEqual(due.map((r) => `长期随访访视 ${r.visitId} · 受试者 EXP-001`));
    expect(events[0]!.description.split("\n")[0]).toBe(`访视窗: ${calendarDateFromDb(due[0]!.windowStart)} – ${calendarDateFromDb(due[0]!.windowEnd)}`);
    expect(events[0]!.description).toMatch(/\n随访方式: (门诊访视|家访|电话随访|书面问卷)\n评估项目: .*[\u4e00-\u9fff].*\n导出时状态: (待访视|访视窗内)$/);
    // Same UIDs as the English feed: switching language updates events instead of duplicating them.
    const en = await call(getCalendar, fx.investigator, base, { siteId: fx.site1.id });
    expect(new ICAL.Component(ICAL.parse(await en.text())).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v).uid)).toEqual(events.map((e) => e.uid));
    // Without ?lang: the remembered language of the app, else the browser's.
    const byCookie = await call(getCalendar, fx.investigator, base, { siteId: fx.site1.id }, { headers: { cookie: "ltfu-locale=zh-CN", "accept-language": "en" } });
    expect(await byCookie.text()).toContain("SUMMARY:长期随访访视");
    const byHeader = await call(getCalendar, fx.investigator, base, { siteId: fx.site1.id }, { headers: { "accept-language": "zh-CN,zh;q=0.9" } });
    expect(await byHeader.text()).toContain("SUMMARY:长期随访访视");
    const english = await call(getCalendar, fx.investigator, `${base}&lang=en`, { siteId: fx.site1.id }, { headers: { "accept-language": "zh-CN" } });
    expect(await english.text()).toContain("SUMMARY:LTFU visit");
    const bad = await call(getCalendar, fx.investigator, `${base}&lang=fr`, { siteId: fx.site1.id });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", field: "lang" } });
  });

  it("another site of an investigator is 404; a feed token works in ?token= only, and stops when revoked", async () => {
    expect((await call(getCalendar, fx.investigator, `/api/v1/sites/${fx.site2.id}/calendar.ics`, { siteId: fx.site2.id })).status).toBe(404);
    const created = await call(postFeedToken, fx.investigator, "/api/v1/calendar-feed-tokens", {}, { method: "POST" });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: string; token: string };
    const url = `/api/v1/sites/${fx.site1.id}/calendar.ics?token=${encodeURIComponent(token)}`;
    expect((await call(getCalendar, null, url, { siteId: fx.site1.id })).status).toBe(200);
    const asBearer = await call(getCalendar, null, `/api/v1/sites/${fx.site1.id}/calendar.ics`, { siteId: fx.site1.id }, { headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.status).toBe(401);
    await revokeApiToken(getDb(), { actor: fx.investigator, id });
    expect((await call(getCalendar, null, url, { siteId: fx.site1.id })).status).toBe(401);
  });
});

// Last: it activates a second consent version and ends one subject's follow-up, which the tests above must not see.
describe("re-consent due: one rule for the export and the subject resource", () => {
  it("is due for an active subject below the active consent version, and for no subject whose follow-up ended", async () => {
    const v2 = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId: fx.studyId, title: "ICF v2", checklist: Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true])) }));
    unwrap(await activateConsentVersionAction.run(fx.sponsor, { id: v2.id, effectiveDate: "2025-06-01", reason: "new risk information" }));
    unwrap(await changeSubjectStatusAction.run(fx.investigator2, { subjectId: s2, status: "withdrawn", date: "2025-06-02", reason: "consent withdrawn" }));
    const rows = (await text(await studyCall(getSubjectsCsv, fx.monitor, "/export/subjects.csv"))).split("\r\n").slice(1, -1).map((line) => line.split(","));
    // Counted from the end: EXP-002's lot holds a quoted comma.
    const fromEnd = SUBJECT_HEADER.split(",").length - SUBJECT_HEADER.split(",").indexOf("reconsentDue");
    const exported = Object.fromEntries(rows.map((cells) => [cells[0], cells[cells.length - fromEnd]]));
    expect(exported).toEqual({ [s1]: "true", [s2]: "false" });
    for (const [id, actor] of [[s1, fx.investigator], [s2, fx.investigator2]] as const) {
      const resource = (await (await call(getSubject, actor, `/api/v1/subjects/${id}`, { id })).json()) as { reconsentDue: boolean };
      expect(String(resource.reconsentDue)).toBe(exported[id]);
    }
  });
});
