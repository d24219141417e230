import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postQuery } from "@/app/api/v1/queries/route";
import { GET as getQueryRoute } from "@/app/api/v1/queries/[id]/route";
import { POST as postAnswer } from "@/app/api/v1/queries/[id]/answer/route";
import { POST as postClose } from "@/app/api/v1/queries/[id]/close/route";
import { POST as postReopen } from "@/app/api/v1/queries/[id]/reopen/route";
import { GET as listQueriesRoute } from "@/app/api/v1/studies/[studyId]/queries/route";
import { enrolSubjectAction, recordVisitAction } from "@/app/(app)/subjects/actions";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { listPendingQueries, listQueriesOn, listQueryTargets } from "@/lib/db/queries";
import { getSubject } from "@/lib/db/subjects";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const tokens = new Map<Actor, string>();

async function call(actor: Actor, handler: Handler, params: Record<string, string>, body?: unknown, query = "", method = "POST") {
  let token = tokens.get(actor);
  if (!token) {
    token = (await createApiToken(getDb(), { actor, name: "test" })).token;
    tokens.set(actor, token);
  }
  const request = new Request(`http://test/api/v1/x${query}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; field?: string } } };
}

let fx: SiteWorkFixture;
let other: SiteWorkFixture;
let outsider: Actor; // a monitor of the organisation who is not a member of the study
let subjectId: string;
let site2SubjectId: string;
let recordId: string;
let rowId: string;
let aeId: string;
let resultId: string;

/** Every query row, message and audit record of the organisation, to show a refusal wrote nothing. */
async function snapshot() {
  const db = getDb();
  return {
    queries: await db.query.findMany({ where: { organizationId: fx.organization.id }, orderBy: { id: "asc" } }),
    messages: await db.queryMessage.count({ where: { organizationId: fx.organization.id } }),
    audit: await db.auditLog.count({ where: { organizationId: fx.organization.id } }),
  };
}

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  other = await createSiteWorkFixture();
  const db = getDb();
  const user = await db.user.create({ data: { organizationId: fx.organization.id, email: `outsider-${fx.site1.code.toLowerCase()}@test.test`, name: "Outsider", role: "MONITOR" } });
  outsider = { id: user.id, email: user.email, name: user.name, role: "MONITOR", organizationId: fx.organization.id, siteIds: [] };
  subjectId = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "Q-001" }))).id;
  site2SubjectId = unwrap(await enrolSubjectAction.run(fx.investigator2, enrolmentInput(fx, { code: "Q-002", siteId: fx.site2.id }))).id;
  recordId = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS })).id;
  rowId = (await db.scheduledVisit.findFirstOrThrow({ where: { subjectId, visitId: "M12" } })).id;
  const tenancy = { organizationId: fx.organization.id, studyId: fx.studyId, siteId: fx.site1.id, subjectId, createdById: fx.investigator.id };
  aeId = (await db.adverseEvent.create({ data: { ...tenancy, term: "Anaemia", onsetDate: new Date("2024-09-01"), serious: false, grade: 2, category: "haematological", relatedness: "unlikely", outcome: "recovered" } })).id;
  resultId = (await db.sampleResult.create({ data: { ...tenancy, kind: "persistence", collectedDate: new Date("2024-08-27"), sampleType: "peripheral_blood", detected: true } })).id;
  for (const actor of [fx.sponsor, fx.monitor, fx.investigator, fx.investigator2, outsider, other.monitor]) await createApiToken(db, { actor, name: "warm" }).then(({ token }) => tokens.set(actor, token));
});
afterAll(disconnectDb);

describe("raising a query", () => {
  it("a monitor of the study raises one on each kind of target; it is open, with the first message, audited", async () => {
    const targets = [
      { type: "subject", id: subjectId, label: "Q-001" },
      { type: "visit", id: recordId, label: "M06 (2024-08-27)" },
      { type: "adverse_event", id: aeId, label: "Anaemia (2024-09-01)" },
      { type: "sample_result", id: resultId, label: "persistence (2024-08-27)" },
    ];
    for (const target of targets) {
      const response = await call(fx.monitor, postQuery, {}, { subjectId, target: { type: target.type, id: target.id }, text: `  Please check ${target.type}  ` });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ status: "open", subjectId, studyId: fx.studyId, siteId: fx.site1.id, target: { type: target.type, id: target.id } });
      expect((response.body.target as { label: string }).label.startsWith(target.label)).toBe(true);
      expect(response.body.messages).toEqual([expect.objectContaining({ kind: "raise", text: `Please check ${target.type}`, authorId: fx.monitor.id, authorRole: "MONITOR" })]);
      expect(await getDb().auditLog.count({ where: { entity: "Query", entityId: response.body.id as string, action: "create" } })).toBe(1);
    }
  });

  it("refuses the wrong role (403), out of scope (404) and bad input (400 naming the field), writing nothing", async () => {
    const before = await snapshot();
    const valid = { subjectId, target: { type: "subject", id: subjectId }, text: "Why?" };
    const cases: Array<[string, Actor, unknown, number, string?]> = [
      ["investigator", fx.investigator, valid, 403],
      ["sponsor", fx.sponsor, valid, 403],
      ["monitor outside the study", outsider, valid, 404, "subjectId"],
      ["monitor of another organisation", other.monitor, valid, 404, "subjectId"],
      ["no text", fx.monitor, { ...valid, text: "   " }, 400, "text"],
      ["bad target type", fx.monitor, { ...valid, target: { type: "plan", id: subjectId } }, 400, "target.type"],
      ["a visit planned but not recorded (the contract's visit is its record)", fx.monitor, { subjectId, target: { type: "visit", id: rowId }, text: "x" }, 404, "target.id"],
      ["another subject's visit", fx.monitor, { subjectId: site2SubjectId, target: { type: "visit", id: recordId }, text: "x" }, 404, "target.id"],
      ["another subject as target", fx.monitor, { subjectId, target: { type: "subject", id: site2SubjectId }, text: "x" }, 404, "target.id"],
      ["NUL in text", fx.monitor, { ...valid, text: "a\u0000b" }, 400, "text"],
    ];
    for (const [name, actor, body, status, field] of cases) {
      const response = await call(actor, postQuery, {}, body);
      expect({ name, status: response.status, field: response.body.error?.field }).toEqual({ name, status, field });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("the state machine open → answered → closed → open", () => {
  it("accepts each step by its role and refuses every other transition (403 wrong role, 404 other site, 409 wrong state) without writing", async () => {
    const raised = await call(fx.monitor, postQuery, {}, { subjectId, target: { type: "visit", id: recordId }, text: "Date differs from source." });
    const id = raised.body.id as string;
    const params = { id };
    const refuse = async (steps: Array<[string, Actor, Handler, unknown, number]>) => {
      for (const [name, actor, handler, body, status] of steps) {
        const before = await snapshot();
        const response = await call(actor, handler, params, body);
        expect({ name, status: response.status }).toEqual({ name, status });
        expect(await snapshot()).toEqual(before);
      }
    };

    // open
    await refuse([
      ["monitor answers", fx.monitor, postAnswer, { text: "x" }, 403],
      ["sponsor answers", fx.sponsor, postAnswer, { text: "x" }, 403],
      ["other site's investigator answers", fx.investigator2, postAnswer, { text: "x" }, 404],
      ["investigator closes", fx.investigator, postClose, {}, 403],
      ["monitor closes an open query", fx.monitor, postClose, {}, 409],
      ["monitor reopens an open query", fx.monitor, postReopen, { text: "x" }, 409],
      ["outsider closes", outsider, postClose, {}, 404],
      ["answer without text", fx.investigator, postAnswer, { text: "" }, 400],
    ]);
    const answered = await call(fx.investigator, postAnswer, params, { text: "Corrected from source." });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: "answered" });
    expect(answered.body.answeredAt).not.toBeNull();

    // answered
    await refuse([
      ["investigator answers twice", fx.investigator, postAnswer, { text: "again" }, 409],
      ["monitor reopens an answered query", fx.monitor, postReopen, { text: "x" }, 409],
      ["investigator closes", fx.investigator, postClose, {}, 403],
      ["sponsor closes", fx.sponsor, postClose, {}, 403],
    ]);
    const closed = await call(fx.monitor, postClose, params, { note: "Verified." });
    expect(closed.body).toMatchObject({ status: "closed" });

    // closed
    await refuse([
      ["monitor closes twice", fx.monitor, postClose, {}, 409],
      ["investigator answers a closed query", fx.investigator, postAnswer, { text: "x" }, 409],
      ["investigator reopens", fx.investigator, postReopen, { text: "x" }, 403],
      ["sponsor reopens", fx.sponsor, postReopen, { text: "x" }, 403],
      ["reopen without text", fx.monitor, postReopen, {}, 400],
    ]);
    const reopened = await call(fx.monitor, postReopen, params, { text: "Signature missing." });
    expect(reopened.body).toMatchObject({ status: "open", answeredAt: null, closedAt: null });

    const read = await call(fx.sponsor, getQueryRoute, params, undefined, "", "GET");
    expect(read.status).toBe(200);
    expect((read.body.messages as Array<{ kind: string; text: string; authorRole: string; createdAt: string }>).map((m) => [m.kind, m.text, m.authorRole])).toEqual([
      ["raise", "Date differs from source.", "MONITOR"],
      ["answer", "Corrected from source.", "INVESTIGATOR"],
      ["close", "Verified.", "MONITOR"],
      ["reopen", "Signature missing.", "MONITOR"],
    ]);
    const audit = await getDb().auditLog.findMany({ where: { entity: "Query", entityId: id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
    expect(audit.map((a) => [a.action, (a.newValues as { status: string }).status])).toEqual([
      ["create", "open"],
      ["update", "answered"],
      ["update", "closed"],
      ["update", "open"],
    ]);
    expect((await call(fx.investigator2, getQueryRoute, params, undefined, "", "GET")).status).toBe(404);
  });

  it("never deletes a query nor rewrites a message (database triggers)", async () => {
    const query = await getDb().query.findFirstOrThrow({ where: { organizationId: fx.organization.id } });
    await expect(getDb().query.delete({ where: { id: query.id } })).rejects.toThrow(/never deleted/);
    const message = await getDb().queryMessage.findFirstOrThrow({ where: { queryId: query.id } });
    await expect(getDb().queryMessage.update({ where: { id: message.id }, data: { text: "rewritten" } })).rejects.toThrow(/never rewritten/);
    await expect(getDb().queryMessage.delete({ where: { id: message.id } })).rejects.toThrow(/never deleted/);
  });
});

describe("queries on the records they concern", () => {
  it("offers recorded visits, AEs and results as targets, never a visit only planned", async () => {
    const targets = await listQueryTargets(getDb(), { actor: fx.monitor, subjectId });
    expect(targets.filter((o) => o.type === "visit")).toEqual([{ type: "visit", id: recordId, label: "M06 (2024-08-27)" }]);
    expect(targets.map((o) => o.id)).not.toContain(rowId);
    expect(targets.map((o) => `${o.type}:${o.id}`)).toEqual([`subject:${subjectId}`, `visit:${recordId}`, `adverse_event:${aeId}`, `sample_result:${resultId}`]);
    expect(await listQueryTargets(getDb(), { actor: fx.investigator2, subjectId })).toEqual([]);
  });

  it("reads the queries of several records of a subject in one go, each on its own record, in every state", async () => {
    const raise = async (type: string, id: string, text: string) => (await call(fx.monitor, postQuery, {}, { subjectId, target: { type, id }, text })).body.id as string;
    const onAe = await raise("adverse_event", aeId, "Outcome date?");
    const onResult = await raise("sample_result", resultId, "Which lab?");
    const onVisit = await raise("visit", recordId, "Contact mode?");
    await call(fx.investigator, postAnswer, { id: onResult }, { text: "Central lab." });
    const subject = (await getSubject(getDb(), { actor: fx.investigator, subjectId }))!;
    const rows = await listQueriesOn(getDb(), { subject, targets: [{ type: "adverse_event", id: aeId }, { type: "sample_result", id: resultId }] });
    const ids = rows.map((q) => q.id);
    expect(ids).toContain(onAe);
    expect(ids).toContain(onResult);
    expect(ids).not.toContain(onVisit);
    expect(rows.every((q) => (q.targetType === "adverse_event" && q.targetId === aeId) || (q.targetType === "sample_result" && q.targetId === resultId))).toBe(true);
    expect(rows.find((q) => q.id === onResult)).toMatchObject({ status: "answered", messages: [expect.objectContaining({ kind: "raise" }), expect.objectContaining({ kind: "answer", text: "Central lab." })] });
    const onRecord = await listQueriesOn(getDb(), { subject, targets: [{ type: "visit", id: recordId }] });
    expect(onRecord.map((q) => q.id)).toContain(onVisit);
    expect(onRecord.every((q) => q.targetType === "visit" && q.targetId === recordId)).toBe(true);
    expect(await listQueriesOn(getDb(), { subject, targets: [] })).toEqual([]);
  });
});

describe("listing", () => {
  it("lists a study's queries by status in the caller's scope; the worklist shows open ones with their age", async () => {
    const site2Query = await call(fx.monitor, postQuery, {}, { subjectId: site2SubjectId, target: { type: "subject", id: site2SubjectId }, text: "Consent date?" });
    expect(site2Query.status).toBe(201);
    const list = async (actor: Actor, status = "") => (await call(actor, listQueriesRoute, { studyId: fx.studyId }, undefined, status ? `?status=${status}` : "", "GET")).body;
    const open = (await list(fx.monitor, "open")).queries as Array<{ id: string; status: string; subjectId: string }>;
    expect(open.every((q) => q.status === "open")).toBe(true);
    expect(open.map((q) => q.id)).toContain(site2Query.body.id);
    const investigatorQueries = (await list(fx.investigator)).queries as Array<{ subjectId: string }>;
    expect(investigatorQueries.length).toBeGreaterThan(0);
    expect(investigatorQueries.every((q) => q.subjectId === subjectId)).toBe(true);
    expect(((await list(fx.investigator2)).queries as Array<{ id: string }>).map((q) => q.id)).toEqual([site2Query.body.id]);
    expect((await call(fx.monitor, listQueriesRoute, { studyId: fx.studyId }, undefined, "?status=pending", "GET")).body.error?.field).toBe("status");
    expect((await call(other.monitor, listQueriesRoute, { studyId: fx.studyId }, undefined, "", "GET")).status).toBe(404);

    const worklist = await listPendingQueries(getDb(), { actor: fx.investigator2, asOf: "2099-01-01" });
    expect(worklist).toHaveLength(1);
    expect(worklist[0]).toMatchObject({ id: site2Query.body.id, subjectCode: "Q-002", status: "open", targetType: "subject", visitRecordId: null });
    // A visit query on the worklist leads to the visit record's page.
    const onVisit = (await listPendingQueries(getDb(), { actor: fx.investigator, asOf: "2099-01-01" })).filter((q) => q.targetType === "visit");
    expect(onVisit.length).toBeGreaterThan(0);
    expect(onVisit.every((q) => q.visitRecordId === recordId)).toBe(true);
    expect(worklist[0]!.ageDays).toBeGreaterThan(25_000);
  });
});
