import { spawnSync } from "node:child_process";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getSites } from "@/app/api/v1/sites/route";
import { GET as getUsers } from "@/app/api/v1/users/route";
import { GET as listStudySubjects, POST as postSubject } from "@/app/api/v1/studies/[studyId]/subjects/route";
import { GET as getSubjectRoute } from "@/app/api/v1/subjects/[id]/route";
import { POST as postConsent } from "@/app/api/v1/subjects/[id]/consents/route";
import { POST as postStatus } from "@/app/api/v1/subjects/[id]/status/route";
import { GET as getSchedule } from "@/app/api/v1/subjects/[id]/schedule/route";
import { GET as listVisits, POST as postVisit } from "@/app/api/v1/subjects/[id]/visits/route";
import { GET as getVisit, PATCH as patchVisit } from "@/app/api/v1/subjects/[id]/visits/[recordId]/route";
import { POST as postSignature } from "@/app/api/v1/subjects/[id]/visits/[recordId]/signature/route";
import { changeSubjectStatusAction, enrolSubjectAction, recordConsentAction, recordVisitAction, signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { listStoredVisitStatuses } from "@/lib/db/visit-status";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, siteWorkSnapshot, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

let fx: SiteWorkFixture;
let subjectId: string;
let recordId: string;
const tokens = new Map<Actor, string>();

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(actor: Actor, handler: Handler, method: string, params: Record<string, string>, body?: unknown, query = "") {
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
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as Record<string, unknown>) };
}

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  subjectId = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "API-001" }))).id;
  recordId = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS })).id;
  // Tokens first, so that minting them does not count as a change in the comparisons below.
  for (const actor of [fx.sponsor, fx.monitor, fx.investigator, fx.investigator2]) await call(actor, getMe, "GET", {});
});
afterAll(disconnectDb);

describe("directory", () => {
  it("me names the caller; sites are an investigator's own; users are the sponsor administrator's", async () => {
    expect((await call(fx.investigator, getMe, "GET", {})).body).toEqual({ id: fx.investigator.id, email: fx.investigator.email, name: "INVESTIGATOR", role: "INVESTIGATOR", siteIds: [fx.site1.id] });
    expect(((await call(fx.investigator2, getSites, "GET", {})).body!.sites as { code: string }[]).map((s) => s.code)).toEqual([fx.site2.code]);
    expect(((await call(fx.monitor, getSites, "GET", {})).body!.sites as { code: string }[]).map((s) => s.code).sort()).toEqual([fx.site1.code, fx.site2.code].sort());
    expect((await call(fx.investigator, getUsers, "GET", {})).status).toBe(403);
    const users = (await call(fx.sponsor, getUsers, "GET", {})).body!.users as { email: string; siteIds: string[]; disabled: boolean }[];
    expect(users.find((u) => u.email === fx.investigator2.email)).toMatchObject({ siteIds: [fx.site2.id], disabled: false });
  });
});

describe("API contract", () => {
  it("POST subjects answers 201 with the resource, 400 naming the field, 409 on a taken code, 422 on a consent version not active", async () => {
    const body = { code: "API-002", siteId: fx.site1.id, yearOfBirth: 1980, sex: "female", dosingDate: "2024-02-29", lot: "LV-2023-117", consentVersion: 1, consentDate: "2024-02-01", confounders: { lifeExpectancy: "normal", comorbidities: "none", priorTherapies: "chemo" } };
    const created = await call(fx.investigator, postSubject, "POST", { studyId: fx.studyId }, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ studyId: fx.studyId, siteId: fx.site1.id, code: "API-002", yearOfBirth: 1980, sex: "female", dosingDate: "2024-02-29", lot: "LV-2023-117", status: "active", statusDate: null, consentVersion: 1, reconsentDue: false, extension: { active: false, since: null }, version: 1 });
    expect(await call(fx.investigator, postSubject, "POST", { studyId: fx.studyId }, { ...body, code: "API-003", dosingDate: "2024-02-30" })).toMatchObject({ status: 400, body: { error: { code: "bad_request", field: "dosingDate" } } });
    expect(await call(fx.investigator, postSubject, "POST", { studyId: fx.studyId }, { ...body, code: "API-003", dosingDate: "2199-02-01" })).toMatchObject({ status: 400, body: { error: { field: "dosingDate" } } });
    expect(await call(fx.investigator, postSubject, "POST", { studyId: fx.studyId }, body)).toMatchObject({ status: 409, body: { error: { code: "conflict", field: "code" } } });
    expect(await call(fx.investigator, postSubject, "POST", { studyId: fx.studyId }, { ...body, code: "API-004", consentVersion: 2 })).toMatchObject({ status: 422 });
  });

  it("visits: 201 with the record, the signature shown with signer, time and meaning, and valid false after a PATCH", async () => {
    const id = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "API-SIG" }))).id;
    const created = await call(fx.investigator, postVisit, "POST", { id }, { visitId: "M06", planVersion: 1, status: "completed", date: "2024-08-27", contactMode: "clinic", assessments: COMPLETED_ASSESSMENTS });
    expect(created).toMatchObject({ status: 201, body: { visitId: "M06", planVersion: 1, unscheduled: false, status: "completed", date: "2024-08-27", version: 1, signature: null } });
    const rid = created.body!.id as string;
    expect(await call(fx.investigator, postSignature, "POST", { id, recordId: rid }, { password: "wrong", meaning: "reviewed_and_approved" })).toMatchObject({ status: 403 });
    const signed = await call(fx.investigator, postSignature, "POST", { id, recordId: rid }, { password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" });
    expect(signed).toMatchObject({ status: 201, body: { signature: { signerName: "INVESTIGATOR", signerEmail: fx.investigator.email, meaning: "reviewed_and_approved", valid: true, signedAt: expect.any(String) } } });
    expect(await call(fx.investigator, patchVisit, "PATCH", { id, recordId: rid }, { version: 7, reason: "stale" })).toMatchObject({ status: 409 });
    const patched = await call(fx.investigator, patchVisit, "PATCH", { id, recordId: rid }, { version: 1, reason: "labs were not done", assessments: { ...COMPLETED_ASSESSMENTS, labs: false } });
    expect(patched).toMatchObject({ status: 200, body: { version: 2, signature: { valid: false }, assessments: { labs: false } } });
    expect(await call(fx.investigator, postVisit, "POST", { id }, { visitId: "M06", status: "completed", date: "2024-08-28", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ status: 409 });
    expect(await call(fx.investigator, postVisit, "POST", { id }, { visitId: "X99", status: "completed", date: "2024-08-28", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ status: 422 });
    expect(await call(fx.investigator, getSchedule, "GET", { id }, undefined, "?asOf=2024-02-30")).toMatchObject({ status: 400, body: { error: { field: "asOf" } } });
  });
});

describe("site scoping: every new route and action refused to other roles and another site's investigator; nothing changes", () => {
  it("writes: sponsor and monitor 403, another site's investigator 404, and rows and the audit count stay as they were", async () => {
    const before = await siteWorkSnapshot(fx.organization.id);
    const writes: Array<[string, Handler, string, Record<string, string>, unknown]> = [
      ["POST subjects", postSubject, "POST", { studyId: fx.studyId }, { code: "NOPE-1", siteId: fx.site1.id, yearOfBirth: 1980, sex: "male", dosingDate: "2024-01-01", lot: "L", consentVersion: 1, consentDate: "2024-01-01" }],
      ["POST consents", postConsent, "POST", { id: subjectId }, { consentVersion: 1, consentDate: "2024-01-01" }],
      ["POST status", postStatus, "POST", { id: subjectId }, { status: "withdrawn", date: "2025-01-01", reason: "x" }],
      ["POST visits", postVisit, "POST", { id: subjectId }, { visitId: "M12", status: "missed", date: "2025-03-01", reason: "x" }],
      ["PATCH visit", patchVisit, "PATCH", { id: subjectId, recordId }, { version: 1, reason: "x", date: "2024-08-20" }],
      ["POST signature", postSignature, "POST", { id: subjectId, recordId }, { password: SIGNING_PASSWORD }],
    ];
    for (const [name, handler, method, params, body] of writes) {
      for (const [who, actor, status] of [["sponsor", fx.sponsor, 403], ["monitor", fx.monitor, 403], ["investigator2", fx.investigator2, 404]] as const) {
        const response = await call(actor, handler, method, params, body);
        expect({ name, who, status: response.status }).toEqual({ name, who, status });
      }
    }
    const actions: Array<[string, (a: Actor) => Promise<{ ok: boolean; error?: { code: string } }>]> = [
      ["enrol", (a) => enrolSubjectAction.run(a, enrolmentInput(fx, { code: "NOPE-2" }))],
      ["consent", (a) => recordConsentAction.run(a, { subjectId, consentVersion: 1, consentDate: "2024-01-01" })],
      ["status", (a) => changeSubjectStatusAction.run(a, { subjectId, status: "completed", date: "2025-01-01" })],
      ["record", (a) => recordVisitAction.run(a, { subjectId, visitId: "M12", status: "missed", date: "2025-03-01", reason: "x" })],
      ["update", (a) => updateVisitAction.run(a, { subjectId, recordId, version: 1, reason: "x", date: "2024-08-20" })],
      ["sign", (a) => signVisitAction.run(a, { subjectId, recordId, password: SIGNING_PASSWORD })],
    ];
    for (const [name, attempt] of actions) {
      for (const [who, actor, code] of [["sponsor", fx.sponsor, "forbidden"], ["monitor", fx.monitor, "forbidden"], ["investigator2", fx.investigator2, "not_found"]] as const) {
        const result = await attempt(actor);
        expect({ name, who, ok: result.ok, code: result.error?.code }).toEqual({ name, who, ok: false, code });
      }
    }
    expect(await siteWorkSnapshot(fx.organization.id)).toEqual(before);
  });

  it("reads: another site's investigator gets 404 for the subject, its schedule and visits, and does not see it listed; the monitor reads", async () => {
    for (const [handler, params] of [
      [getSubjectRoute, { id: subjectId }],
      [getSchedule, { id: subjectId }],
      [listVisits, { id: subjectId }],
      [getVisit, { id: subjectId, recordId }],
    ] as const) {
      expect((await call(fx.investigator2, handler, "GET", params)).status).toBe(404);
      expect((await call(fx.monitor, handler, "GET", params)).status).toBe(200);
    }
    const listed = (await call(fx.investigator2, listStudySubjects, "GET", { studyId: fx.studyId })).body!.subjects as { id: string }[];
    expect(listed.map((s) => s.id)).not.toContain(subjectId);
    const monitorList = (await call(fx.monitor, listStudySubjects, "GET", { studyId: fx.studyId })).body!.subjects as { id: string }[];
    expect(monitorList.map((s) => s.id)).toContain(subjectId);
  });
});

const root = path.resolve(__dirname, "../..");
function runLtfuSchedule(input: unknown): unknown {
  const result = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["lib/cli/ltfu-schedule.ts", "-"], { cwd: root, input: JSON.stringify(input), encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe("visit status: SQL == TypeScript == ltfu-schedule on the same stored inputs", () => {
  it("random subjects, records, statuses and dates", { timeout: 300_000 }, async () => {
    const today = todayCalendarDate();
    const plan = (await getDb().planVersion.findUniqueOrThrow({ where: { id: fx.planId } })).plan;
    const dayOffset = (start: string, days: number) => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3650 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean(), fc.integer({ min: -20, max: 20 })), { maxLength: 6 }),
        fc.option(fc.tuple(fc.constantFrom("completed", "withdrawn", "died"), fc.integer({ min: 0, max: 2000 })), { nil: undefined }),
        fc.integer({ min: -400, max: 6000 }),
        async (dosingBack, recordPicks, closing, asOfShift) => {
          const dosingDate = dayOffset(today, -dosingBack - 1);
          const id = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: `PROP-${n++}`, dosingDate, consentDate: dosingDate }))).id;
          const rows = await getDb().scheduledVisit.findMany({ where: { subjectId: id }, orderBy: { targetDate: "asc" } });
          for (const [index, completed, shift] of recordPicks) {
            const row = rows[index % rows.length]!;
            const date = dayOffset(calendarDateFromDb(row.targetDate), shift);
            if (date < dosingDate || date > today) continue;
            await recordVisitAction.run(fx.investigator, completed ? { subjectId: id, visitId: row.visitId, status: "completed", date, assessments: COMPLETED_ASSESSMENTS } : { subjectId: id, visitId: row.visitId, status: "missed", date, reason: "x" });
          }
          if (closing) {
            const date = dayOffset(dosingDate, Math.min(closing[1], dosingBack));
            unwrap(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: closing[0] as "completed", date, reason: "x", cause: "x" }));
          }
          const asOf = dayOffset(today, asOfShift);
          const { subject, records, schedule } = await getSubjectSchedule(getDb(), { actor: fx.investigator, subjectId: id, asOf });
          const sql = await listStoredVisitStatuses(getDb(), { actor: fx.investigator, subjectId: id, asOf });
          expect(sql.map((r) => `${r.visitId}@${r.planVersion}:${r.status}`)).toEqual(schedule.visits.map((v) => `${v.visitId}@${v.planVersion}:${v.status}`));
          if (n % 4 === 1) {
            const input = {
              dosingDate,
              asOf,
              planVersions: [{ version: 1, effectiveDate: "2015-01-01", plan }],
              records: records.map((r) => ({ visitId: r.visitId, planVersion: r.planVersion, status: r.status, date: calendarDateFromDb(r.date), ...(r.reason ? { reason: r.reason } : {}) })),
              subject: subject.status === "active" ? { status: "active" } : { status: subject.status, statusDate: calendarDateFromDb(subject.statusDate!) },
            };
            const fromApi = (await call(fx.investigator, getSchedule, "GET", { id }, undefined, `?asOf=${asOf}`)).body as { followUpEnd: string; visits: Array<Record<string, unknown>> };
            const withoutApiKeys = fromApi.visits.map((visit) => Object.fromEntries(Object.entries(visit).filter(([key]) => key !== "recordId" && key !== "source")));
            expect({ ...fromApi, visits: withoutApiKeys }).toEqual(runLtfuSchedule(input));
          }
        },
      ),
      { numRuns: 16 },
    );
  });
});
