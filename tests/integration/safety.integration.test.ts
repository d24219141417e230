import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activatePlanVersionAction, createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { activateConsentVersionAction, createConsentVersionAction, createStudyAction, setStudyMembersAction, updateConsentChecklistAction } from "@/app/(app)/studies/actions";
import { enrolSubjectAction } from "@/app/(app)/subjects/actions";
import { recordSampleResultAction } from "@/app/(app)/subjects/safety-actions";
import { POST as resolveRoute } from "@/app/api/v1/escalations/[id]/resolve/route";
import { PATCH as patchMonitoring } from "@/app/api/v1/products/[id]/monitoring/route";
import { GET as getProductRoute } from "@/app/api/v1/products/[id]/route";
import { POST as postProduct } from "@/app/api/v1/products/route";
import { PATCH as patchAe } from "@/app/api/v1/subjects/[id]/adverse-events/[aeId]/route";
import { GET as listAes, POST as postAe } from "@/app/api/v1/subjects/[id]/adverse-events/route";
import { GET as listEscalationsRoute } from "@/app/api/v1/subjects/[id]/escalations/route";
import { GET as getSubjectRoute } from "@/app/api/v1/subjects/[id]/route";
import { GET as listResults, POST as postResult } from "@/app/api/v1/subjects/[id]/sample-results/route";
import { GET as getScheduleRoute } from "@/app/api/v1/subjects/[id]/schedule/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Actor } from "@/lib/auth/actor";
import { disconnectDb, getDb } from "@/lib/db/client";
import { profileOf } from "@/lib/rules/test-profiles";
import { runSafetySweep } from "@/lib/safety-records/sweep";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { createSiteWorkFixture, enrolmentInput, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

/**
 * The "Safety" section of CLINICAL-API-CONTRACT.md end to end, through the /api/v1 route
 * handlers with bearer tokens, on the embedded PostgreSQL: each trigger of the table, the
 * schedule events it adds, resolution, refusals that write nothing, and site scoping.
 */
let fx: SiteWorkFixture;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  for (const [name, actor] of Object.entries({ sponsor: fx.sponsor, investigator: fx.investigator, investigator2: fx.investigator2, monitor: fx.monitor } satisfies Record<string, Actor>)) {
    tokens[name] = (await createApiToken(getDb(), { actor, name: `safety-${name}` })).token;
  }
  const response = await patchMonitoring(request("sponsor", "PATCH", `/api/v1/products/${fx.productId}/monitoring`, { expectedVectorPositivePercentMax: 10, reason: "expected range from the pivotal study" }), params({ id: fx.productId }));
  expect(response.status).toBe(200);
});
afterAll(disconnectDb);

function request(who: string, method: string, path: string, body?: unknown): Request {
  return new Request(`http://test${path}`, { method, headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}
const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

async function enrol(overrides: Parameters<typeof enrolmentInput>[1] = {}): Promise<string> {
  return unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, overrides))).id;
}

async function postJson(handler: (r: Request, c: ReturnType<typeof params>) => Promise<Response>, who: string, path: string, values: Record<string, string>, body: unknown, method = "POST") {
  const response = await handler(request(who, method, path, body), params(values));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { escalations?: Array<Record<string, unknown>>; error?: { code: string; field?: string } } };
}

const result = (subjectId: string, body: Record<string, unknown>, who = "investigator") => postJson(postResult, who, `/api/v1/subjects/${subjectId}/sample-results`, { id: subjectId }, { sampleType: "peripheral_blood", detected: true, ...body });
const ae = (subjectId: string, body: Record<string, unknown>, who = "investigator") =>
  postJson(postAe, who, `/api/v1/subjects/${subjectId}/adverse-events`, { id: subjectId }, { term: "Fever", onsetDate: "2024-05-01", serious: false, grade: 2, category: "infection", relatedness: "unrelated", outcome: "recovered", ...body });

async function schedule(subjectId: string, who = "investigator") {
  const response = await getScheduleRoute(request(who, "GET", `/api/v1/subjects/${subjectId}/schedule`), params({ id: subjectId }));
  expect(response.status).toBe(200);
  return (await response.json()) as { followUpEnd: string; visits: Array<{ visitId: string; planVersion: number | null; source: string; escalationId?: string | null; targetDate: string; windowStart: string; windowEnd: string; status: string; activities: string[] }> };
}

async function escalations(subjectId: string, who = "investigator") {
  const response = await listEscalationsRoute(request(who, "GET", `/api/v1/subjects/${subjectId}/escalations`), params({ id: subjectId }));
  return { status: response.status, json: (await response.json()) as { escalations: Array<Record<string, unknown>> } };
}

/** Every safety row of the organisation and its audit count, to show a refusal wrote nothing. */
async function safetySnapshot() {
  const db = getDb();
  const where = { organizationId: fx.organization.id };
  return {
    aes: await db.adverseEvent.findMany({ where, orderBy: { id: "asc" } }),
    results: await db.sampleResult.findMany({ where, orderBy: { id: "asc" } }),
    escalations: await db.escalation.findMany({ where, orderBy: { id: "asc" } }),
    rows: await db.scheduledVisit.count({ where: { subject: where } }),
    audit: await db.auditLog.count({ where }),
  };
}

describe("each trigger of the contract's table, end to end (lentiviral product, expected maximum 10 %)", () => {
  it("% vector-positive above the expected maximum opens vector_positive_above_expected; at or below it, nothing", async () => {
    const subjectId = await enrol();
    const below = await result(subjectId, { kind: "vector_positive_percent", collectedDate: "2024-08-27", value: 10, unit: "%" });
    expect(below).toMatchObject({ status: 201, json: { escalations: [] } });
    const above = await result(subjectId, { kind: "vector_positive_percent", collectedDate: "2024-09-10", value: 12.5, unit: "%" });
    expect(above.status).toBe(201);
    expect(above.json.escalations).toEqual([
      { id: expect.any(String), subjectId, trigger: "vector_positive_above_expected", action: "clonality_assessment", citation: "CDE §2.4.1", openedDate: "2024-09-10", dueDate: null, status: "open", resolvedDate: null, note: null, source: { type: "sample_result", id: above.json.id }, version: 1 },
    ]);
    expect(await getDb().auditLog.count({ where: { entity: "Escalation", entityId: above.json.escalations![0]!.id as string, action: "create" } })).toBe(1);
  });

  it("a dominant clone opens dominant_clone due in 3 months, and a retest event with that window end appears on the schedule", async () => {
    const subjectId = await enrol();
    const saved = await result(subjectId, { kind: "integration_site_analysis", collectedDate: "2024-08-27", surrogate: false, assay: "LAM-PCR + NGS", value: 0.8, unit: "copies/cell", dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5 });
    expect(saved.status).toBe(201);
    const [escalation] = saved.json.escalations!;
    expect(escalation).toMatchObject({ trigger: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.1", openedDate: "2024-08-27", dueDate: "2024-11-27", status: "open" });
    const retest = (await schedule(subjectId)).visits.find((v) => v.source === "escalation");
    expect(retest).toMatchObject({ visitId: "RT-20241127", planVersion: null, escalationId: escalation!.id, windowStart: "2024-08-27", windowEnd: "2024-11-27", targetDate: "2024-11-27", activities: ["integration_monitoring"] });
    // Today is after 2024-11-27: the retest is overdue until recorded.
    expect(retest!.status).toBe("overdue");
  });

  it("clonal expansion fills integration monitoring to at most every 3 months, until a later negative result", async () => {
    const subjectId = await enrol();
    const saved = await result(subjectId, { kind: "clonality", collectedDate: "2024-08-27", clonalExpansion: true });
    expect(saved.json.escalations).toMatchObject([{ trigger: "clonal_expansion_or_oncogene_site", action: "shorten_testing_interval", dueDate: "2024-11-27" }]);
    const monitoring = (await schedule(subjectId)).visits.filter((v) => v.activities.includes("integration_monitoring") && v.targetDate > "2024-08-27");
    expect(monitoring.some((v) => v.source === "escalation")).toBe(true);
    // No gap over 3 months between integration-monitoring events from the opening date (written out: +3 calendar months).
    const plus3 = (date: string) => {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      const month = m + 3;
      const year = y + Math.floor((month - 1) / 12);
      const mm = ((month - 1) % 12) + 1;
      const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
      return `${year}-${String(mm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
    };
    let previous = "2024-08-27";
    for (const visit of monitoring.filter((v) => v.targetDate <= todayCalendarDate())) {
      expect(visit.targetDate <= plus3(previous), `${visit.visitId} more than 3 months after ${previous}`).toBe(true);
      previous = visit.targetDate;
    }
    const negative = await result(subjectId, { kind: "integration_site_analysis", collectedDate: "2025-01-15", detected: false });
    expect(negative.json.escalations).toEqual([]);
    const after = (await schedule(subjectId)).visits.filter((v) => v.source === "escalation");
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((v) => v.targetDate <= "2025-01-15")).toBe(true);
  });

  it("an integration site near an oncogene opens the same trigger", async () => {
    const subjectId = await enrol();
    const saved = await result(subjectId, { kind: "integration_site_analysis", collectedDate: "2024-09-01", nearOncogene: true });
    expect(saved.json.escalations).toMatchObject([{ trigger: "clonal_expansion_or_oncogene_site", openedDate: "2024-09-01" }]);
  });

  it("an AE possibly linked to RCL on a lentiviral product opens rcl_rcr_suspected_ae; a related one suspected_related_ae", async () => {
    const subjectId = await enrol();
    const saved = await ae(subjectId, { term: "Encephalitis", onsetDate: "2025-03-02", serious: true, seriousnessCriteria: ["hospitalisation"], grade: 3, category: "neurological", relatedness: "possible", possibleRcl: true });
    expect(saved.status).toBe(201);
    expect(saved.json.escalations!.map((e) => [e.trigger, e.action, e.citation, e.openedDate, e.dueDate])).toEqual([
      ["rcl_rcr_suspected_ae", "rcl_rcr_testing", "CDE §2.4.1", "2025-03-02", null],
      ["suspected_related_ae", "causality_analysis_and_intensify_follow_up", "CDE §2.3.2", "2025-03-02", null],
    ]);
    const unrelated = await ae(subjectId, { relatedness: "unlikely" });
    expect(unrelated.json.escalations).toEqual([]);
  });

  it("updating an AE to a suspected relatedness opens the escalation once; a stale version is 409 and writes nothing", async () => {
    const subjectId = await enrol();
    const saved = await ae(subjectId, { relatedness: "unrelated" });
    const aeId = saved.json.id as string;
    const path = `/api/v1/subjects/${subjectId}/adverse-events/${aeId}`;
    const updated = await postJson(patchAe, "investigator", path, { id: subjectId, aeId }, { version: 1, reason: "causality re-assessed after biopsy", relatedness: "probable" }, "PATCH");
    expect(updated).toMatchObject({ status: 200, json: { version: 2, relatedness: "probable", escalations: [{ trigger: "suspected_related_ae", openedDate: "2024-05-01" }] } });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "AdverseEvent", entityId: aeId, action: "update" } });
    expect(audit).toMatchObject({ reason: "causality re-assessed after biopsy", oldValues: { relatedness: "unrelated", version: 1 }, newValues: { relatedness: "probable", version: 2 } });
    const before = await safetySnapshot();
    const stale = await postJson(patchAe, "investigator", path, { id: subjectId, aeId }, { version: 1, reason: "late edit", grade: 4 }, "PATCH");
    expect(stale).toMatchObject({ status: 409, json: { error: { code: "conflict", field: "version" } } });
    const again = await postJson(patchAe, "investigator", path, { id: subjectId, aeId }, { version: 2, reason: "outcome", outcome: "recovered" }, "PATCH");
    expect(again).toMatchObject({ status: 200, json: { version: 3, escalations: [] } });
    expect((await safetySnapshot()).escalations).toEqual(before.escalations);
  });

  it("persistence still detected after the planned period: persistence_at_period_end, yearly extension events, the subject flagged extended", async () => {
    // Dosed 2010-01-01: the 15-year period ended 2025-01-01, before today.
    const subjectId = await enrol({ dosingDate: "2010-01-01", consentDate: "2009-12-15", yearOfBirth: 1970 });
    const before = await getSubjectRoute(request("monitor", "GET", `/api/v1/subjects/${subjectId}`), params({ id: subjectId }));
    expect(await before.json()).toMatchObject({ extension: { active: false, since: null } });
    const saved = await result(subjectId, { kind: "persistence", collectedDate: "2025-06-01", assay: "qPCR" });
    expect(saved.json.escalations).toMatchObject([{ trigger: "persistence_at_period_end", action: "extend_follow_up", citation: "CDE §2.3.2", openedDate: "2025-06-01", dueDate: null }]);
    const rows = (await schedule(subjectId)).visits.filter((v) => v.source === "extension");
    expect(rows.map((v) => [v.visitId, v.targetDate, v.planVersion, v.activities])).toEqual(
      expect.arrayContaining([
        ["EXT-M192", "2026-01-01", null, ["persistence_sampling", "remote_contact"]],
        ["EXT-M204", "2027-01-01", null, ["persistence_sampling", "remote_contact"]],
      ]),
    );
    const subject = await getSubjectRoute(request("monitor", "GET", `/api/v1/subjects/${subjectId}`), params({ id: subjectId }));
    expect(await subject.json()).toMatchObject({ extension: { active: true, since: "2025-06-01" } });
    // Opened once: a second detected result opens nothing more.
    expect((await result(subjectId, { kind: "vector_copy_number", collectedDate: "2025-09-01", value: 0.01, unit: "copies/cell" })).json.escalations).toEqual([]);
    // The first negative result ends the extension: no extension event after it.
    await result(subjectId, { kind: "vector_copy_number", collectedDate: "2026-02-01", detected: false });
    const afterNegative = (await schedule(subjectId)).visits.filter((v) => v.source === "extension");
    expect(afterNegative.map((v) => v.visitId)).toEqual(["EXT-M192"]);
    expect(await (await getSubjectRoute(request("monitor", "GET", `/api/v1/subjects/${subjectId}`), params({ id: subjectId }))).json()).toMatchObject({ extension: { active: false } });
  });

  it("a product whose derivation does not list a trigger never fires it (AAV: no clone triggers)", async () => {
    const aav = profileOf({ platform: "aav", route: "intravenous" });
    const created = await postJson(postProduct, "sponsor", "/api/v1/products", {}, { name: "AAV-F9", code: `AAV-${fx.site1.code}`, modality: "in_vivo_gene_therapy", profile: aav, monitoring: { expectedVectorPositivePercentMax: 5 } });
    expect(created.status).toBe(201);
    const product = await getProductRoute(request("sponsor", "GET", `/api/v1/products/${created.json.id}`), params({ id: created.json.id as string }));
    expect(await product.json()).toMatchObject({ monitoring: { expectedVectorPositivePercentMax: 5 } });
    expect(await getDb().auditLog.findFirstOrThrow({ where: { entity: "Product", entityId: created.json.id as string, action: "create" } })).toMatchObject({ newValues: { monitoring: { expectedVectorPositivePercentMax: 5 } } });
    // A study of the AAV product, set up as the sponsor would (a study's product is fixed once
    // its plan versions exist: the plan rows name it, integrity migration).
    const productId = created.json.id as string;
    const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: `AAV-${fx.site1.code}`, title: "AAV safety", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
    unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id, fx.monitor.id] }));
    const planId = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
    unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: planId, effectiveDate: "2015-01-01", reason: "initial plan" }));
    const consentId = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF v1" })).id;
    unwrap(await updateConsentChecklistAction.run(fx.sponsor, { id: consentId, checklist: Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true])) }));
    unwrap(await activateConsentVersionAction.run(fx.sponsor, { id: consentId, effectiveDate: "2015-01-01", reason: "initial consent" }));
    const subjectId = await enrol({ studyId });
    expect((await result(subjectId, { kind: "integration_site_analysis", collectedDate: "2024-09-01", dominantClone: true, clonalExpansion: true })).json.escalations).toEqual([]);
    expect((await ae(subjectId, { possibleRcl: true })).json.escalations).toEqual([]);
    expect((await ae(subjectId, { relatedness: "definite" })).json.escalations).toMatchObject([{ trigger: "suspected_related_ae" }]);
  });
});

describe("resolution, by an investigator of the site", () => {
  it("resolves with a note (audited); the escalation's later events go; the monitor sees it and cannot resolve; another site's investigator gets 404; twice is 409", async () => {
    const subjectId = await enrol();
    const saved = await result(subjectId, { kind: "clonality", collectedDate: "2024-08-27", clonalExpansion: true });
    const id = saved.json.escalations![0]!.id as string;
    const path = `/api/v1/escalations/${id}/resolve`;
    expect((await postJson(resolveRoute, "monitor", path, { id }, { note: "seen" })).status).toBe(403);
    expect((await postJson(resolveRoute, "investigator2", path, { id }, { note: "seen" })).status).toBe(404);
    expect(await postJson(resolveRoute, "investigator", path, { id }, { note: "  " })).toMatchObject({ status: 400, json: { error: { field: "note" } } });
    const today = todayCalendarDate();
    const resolved = await postJson(resolveRoute, "investigator", path, { id }, { note: "retest negative, integration sites polyclonal" });
    expect(resolved).toMatchObject({ status: 200, json: { id, status: "resolved", resolvedDate: today, note: "retest negative, integration sites polyclonal", version: 2 } });
    expect(await getDb().auditLog.findFirstOrThrow({ where: { entity: "Escalation", entityId: id, action: "update" } })).toMatchObject({ reason: "retest negative, integration sites polyclonal", newValues: { status: "resolved" } });
    expect((await schedule(subjectId)).visits.filter((v) => v.source === "escalation" && v.targetDate > today)).toEqual([]);
    expect((await postJson(resolveRoute, "investigator", path, { id }, { note: "again" })).status).toBe(409);
    const seen = await escalations(subjectId, "monitor");
    expect(seen.status).toBe(200);
    expect(seen.json.escalations).toMatchObject([{ id, status: "resolved", note: "retest negative, integration sites polyclonal" }]);
  });

  it("the database keeps a resolved escalation as it was resolved", async () => {
    const subjectId = await enrol();
    const id = (await ae(subjectId, { relatedness: "probable" })).json.escalations![0]!.id as string;
    await postJson(resolveRoute, "investigator", `/api/v1/escalations/${id}/resolve`, { id }, { note: "causality analysed: unlikely" });
    await expect(getDb().escalation.update({ where: { id }, data: { note: "rewritten" } })).rejects.toThrow(/resolved and cannot change/);
    await expect(getDb().escalation.delete({ where: { id } })).rejects.toThrow(/never deleted/);
  });
});

describe("bad input: 400 naming the field, nothing written", () => {
  const cases: Array<[string, "result" | "ae", Record<string, unknown>, string]> = [
    ["an unknown kind", "result", { kind: "karyotype", collectedDate: "2024-08-27" }, "kind"],
    ["a value that is not a number", "result", { kind: "vector_copy_number", collectedDate: "2024-08-27", value: "abc" }, "value"],
    ["a collection date before dosing", "result", { kind: "persistence", collectedDate: "2024-02-28" }, "collectedDate"],
    ["a collection date in the future", "result", { kind: "persistence", collectedDate: "2199-01-01" }, "collectedDate"],
    ["an unknown category", "ae", { category: "cardiac" }, "category"],
    ["a grade outside 1–5", "ae", { grade: 6 }, "grade"],
    ["an onset before dosing", "ae", { onsetDate: "2024-01-01" }, "onsetDate"],
    ["an onset in the future", "ae", { onsetDate: "2199-01-01" }, "onsetDate"],
    ["a visit that is not one of the subject's", "ae", { visitRecordId: "not-a-visit" }, "visitRecordId"],
  ];
  it.each(cases)("%s", async (_name, what, body, field) => {
    const subjectId = await enrol();
    const before = await safetySnapshot();
    const response = what === "result" ? await result(subjectId, body) : await ae(subjectId, body);
    expect(response).toMatchObject({ status: 400, json: { error: { code: "bad_request", field } } });
    expect(await safetySnapshot()).toEqual(before);
  });

  it("the product's expected maximum outside 0–100 or without a reason", async () => {
    const path = `/api/v1/products/${fx.productId}/monitoring`;
    expect(await postJson(patchMonitoring, "sponsor", path, { id: fx.productId }, { expectedVectorPositivePercentMax: 140, reason: "x" }, "PATCH")).toMatchObject({ status: 400, json: { error: { field: "expectedVectorPositivePercentMax" } } });
    expect(await postJson(patchMonitoring, "sponsor", path, { id: fx.productId }, { expectedVectorPositivePercentMax: 12 }, "PATCH")).toMatchObject({ status: 400, json: { error: { field: "reason" } } });
    expect(await postJson(patchMonitoring, "investigator", path, { id: fx.productId }, { expectedVectorPositivePercentMax: 12, reason: "x" }, "PATCH")).toMatchObject({ status: 403 });
    expect((await getDb().product.findUniqueOrThrow({ where: { id: fx.productId } })).expectedVectorPositivePercentMax).toBe(10);
    expect(await getDb().auditLog.findFirstOrThrow({ where: { entity: "Product", entityId: fx.productId, action: "update" } })).toMatchObject({ reason: "expected range from the pivotal study", newValues: { "monitoring.expectedVectorPositivePercentMax": 10 } });
  });
});

describe("the sample-result form (it posts its clone fields whatever the kind, for use without JavaScript)", () => {
  const posted = (subjectId: string, kind: string, dominant: boolean) => {
    const form = new FormData();
    const fields: [string, string][] = [["subjectId", subjectId], ["kind", kind], ["collectedDate", "2024-05-01"], ["sampleType", "peripheral_blood"], ["detected", "true"], ["value", "0.4"], ["unit", "copies/cell"],
      ["dominantClone", "false"], ...(dominant ? ([["dominantClone", "on"]] as [string, string][]) : []), ["clonalExpansion", "false"], ["nearOncogene", "false"], ["largestClonePercent", ""], ["visitRecordId", ""]];
    for (const [name, value] of fields) form.append(name, value);
    return form;
  };
  it("a persistence result keeps no clone answer; a ticked clone box on it is refused by name and writes nothing", async () => {
    const subjectId = await enrol();
    const saved = unwrap(await recordSampleResultAction.run(fx.investigator, posted(subjectId, "persistence", false)));
    expect(await getDb().sampleResult.findUniqueOrThrow({ where: { id: saved.id }, select: { kind: true, dominantClone: true, clonalExpansion: true, nearOncogene: true, largestClonePercent: true } })).toEqual({
      kind: "persistence", dominantClone: null, clonalExpansion: null, nearOncogene: null, largestClonePercent: null,
    });
    expect(await recordSampleResultAction.run(fx.investigator, posted(subjectId, "persistence", true))).toMatchObject({ ok: false, error: { code: "bad_request", field: "dominantClone" } });
    expect(await getDb().sampleResult.count({ where: { subjectId } })).toBe(1);
    // A clonality result keeps its answers, unticked boxes as "no".
    const clonality = unwrap(await recordSampleResultAction.run(fx.investigator, posted(subjectId, "clonality", false)));
    expect(await getDb().sampleResult.findUniqueOrThrow({ where: { id: clonality.id }, select: { dominantClone: true, clonalExpansion: true } })).toEqual({ dominantClone: false, clonalExpansion: false });
  });
});

describe("site scoping", () => {
  it("another site's investigator gets 404 on reads and writes; a monitor reads and gets 403 on writes; nothing is written", async () => {
    const subjectId = await enrol();
    await ae(subjectId, { relatedness: "possible" });
    const before = await safetySnapshot();
    expect((await ae(subjectId, { relatedness: "definite" }, "investigator2")).status).toBe(404);
    expect((await result(subjectId, { kind: "persistence", collectedDate: "2024-08-27" }, "investigator2")).status).toBe(404);
    expect((await escalations(subjectId, "investigator2")).status).toBe(404);
    expect((await listAes(request("investigator2", "GET", `/api/v1/subjects/${subjectId}/adverse-events`), params({ id: subjectId }))).status).toBe(404);
    expect((await listResults(request("investigator2", "GET", `/api/v1/subjects/${subjectId}/sample-results`), params({ id: subjectId }))).status).toBe(404);
    expect((await ae(subjectId, { relatedness: "definite" }, "monitor")).status).toBe(403);
    expect((await result(subjectId, { kind: "persistence", collectedDate: "2024-08-27" }, "monitor")).status).toBe(403);
    expect((await ae(subjectId, { relatedness: "definite" }, "sponsor")).status).toBe(403);
    expect(await safetySnapshot()).toEqual(before);
    const monitorView = await escalations(subjectId, "monitor");
    expect(monitorView.status).toBe(200);
    expect(monitorView.json.escalations).toMatchObject([{ trigger: "suspected_related_ae", status: "open" }]);
    const aes = await listAes(request("monitor", "GET", `/api/v1/subjects/${subjectId}/adverse-events`), params({ id: subjectId }));
    expect(((await aes.json()) as { adverseEvents: unknown[] }).adverseEvents).toHaveLength(1);
  });
});

describe("the daily sweep (last: it evaluates every subject of the database)", () => {
  it("opens persistence_at_period_end once the planned period has ended, with the extension events, as the system", async () => {
    // Dosed 2012-03-01: the 15-year period ends 2027-03-01, after today.
    const subjectId = await enrol({ dosingDate: "2012-03-01", consentDate: "2012-02-01", yearOfBirth: 1970 });
    expect((await result(subjectId, { kind: "persistence", collectedDate: "2025-06-01" })).json.escalations).toEqual([]);
    expect(await runSafetySweep(getDb(), { asOf: "2027-02-28" })).toMatchObject({ opened: 0 });
    const swept = await runSafetySweep(getDb(), { asOf: "2027-03-01" });
    expect(swept.opened).toBeGreaterThanOrEqual(1);
    const rows = await getDb().escalation.findMany({ where: { subjectId } });
    expect(rows.map((r) => [r.trigger, calendarDateFromDb(r.openedDate), r.sampleResultId !== null])).toEqual([["persistence_at_period_end", "2027-03-01", true]]);
    expect(await getDb().auditLog.findFirstOrThrow({ where: { entity: "Escalation", entityId: rows[0]!.id } })).toMatchObject({ actorEmail: "system:safety-sweep", action: "create" });
    const extension = await getDb().scheduledVisit.findMany({ where: { subjectId, source: "extension" }, orderBy: { targetDate: "asc" } });
    // Generated 12 months past the sweep's date: the first yearly event.
    expect(extension.map((r) => [r.visitId, calendarDateFromDb(r.targetDate), r.escalationId])).toEqual([["EXT-M192", "2028-03-01", rows[0]!.id]]);
    await runSafetySweep(getDb(), { asOf: "2027-03-02" });
    expect(await getDb().escalation.count({ where: { subjectId } })).toBe(1);
  });
});
