import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/route";
import { GET as getStudy } from "@/app/api/v1/studies/[studyId]/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { describeFailure } from "@/lib/auth/failure";
import { authenticate } from "@/lib/auth/sign-in";
import { disconnectDb, getDb } from "@/lib/db/client";
import { endAllSessions, getActorByUserId } from "@/lib/db/users";
import { callRoute, countAllRows, createWorkspaceFixture, FULL_CHECKLIST, type WriteRoute } from "./hardening-fixtures";

let ws: Awaited<ReturnType<typeof createWorkspaceFixture>>;
const route = (name: string): WriteRoute => ws.routes.find((r) => r.name === name)!;

beforeAll(async () => {
  ws = await createWorkspaceFixture();
});
afterAll(disconnectDb);

/** Replace the value at `path` of a JSON value (a copy). */
function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

describe("defect 1: strings PostgreSQL cannot store are a 400 naming the field", () => {
  const cases: [string, (string | number)[]][] = [
    ["POST /products", ["name"]],
    ["POST /studies", ["title"]],
    ["PUT /studies/{id}/sites", ["reason"]],
    ["PUT /studies/{id}/members", ["userIds", 0]],
    ["POST /consent-versions", ["documentRef"]],
    ["POST /consent-versions/{id}/activate", ["reason"]],
    ["PUT /plan-versions/{v}", ["plan", "ruleSet"]],
    ["PUT /plan-versions/{v}", ["plan", "visits", 0, "id"]],
    ["PUT /plan-versions/{v}", ["justifications", "some-key"]],
    ["PUT /plan-versions/{v}", ["durationOverrideJustification"]],
    ["POST /plan-versions/validate", ["plan", "visits", 0, "id"]],
  ];
  for (const [name, path] of cases) {
    for (const bad of ["a\u0000b", "\ud800", "x\udfff"]) {
      it(`${name} ${path.join(".")} = ${JSON.stringify(bad)}`, async () => {
        const before = await countAllRows();
        const response = await callRoute(route(name), { token: ws.token, body: withValue(route(name).body, path, bad) });
        expect(response.status).toBe(400);
        const { error } = (await response.json()) as { error: { field: string; message: string } };
        expect(error.field).toBe(path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join(""));
        expect(error.message).toContain("NUL character or an unpaired surrogate");
        expect(await countAllRows()).toEqual(before);
      });
    }
  }

  it("a key PostgreSQL cannot store (jsonb) is refused too", async () => {
    const response = await callRoute(route("PUT /plan-versions/{v}"), { token: ws.token, body: { plan: ws.plan, justifications: { "k\u0000": "why" } } });
    expect(response.status).toBe(400);
  });

  it("a sample type with a lone surrogate is refused", async () => {
    const plan = structuredClone(ws.plan);
    const visit = plan.visits.find((v) => v.activities.some((a) => a.sampleType))!;
    visit.activities.find((a) => a.sampleType)!.sampleType = "blood\ud800";
    const response = await callRoute(route("PUT /plan-versions/{v}"), { token: ws.token, body: { plan } });
    expect(response.status).toBe(400);
  });
});

describe("defect 2: calendar dates within 1900–2200; consent versions take effect in order", () => {
  it.each(["0000-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-02-30"])("effectiveDate %s is a 400 on consent and plan activation", async (date) => {
    for (const name of ["POST /consent-versions/{id}/activate", "POST /plan-versions/{v}/activate"]) {
      const response = await callRoute(route(name), { token: ws.token, body: { effectiveDate: date, reason: "x" } });
      expect(response.status, name).toBe(400);
      expect(((await response.json()) as { error: { field: string } }).error.field).toBe("effectiveDate");
    }
    expect(await getDb().consentVersion.count({ where: { studyId: ws.studyId, status: "ACTIVE" } })).toBe(0);
  });

  it("a consent version may not take effect on or before the active one's date", async () => {
    const activate = route("POST /consent-versions/{id}/activate");
    expect((await callRoute(activate, { token: ws.token, body: { effectiveDate: "2026-06-01", reason: "first" } })).status).toBe(200);
    const created = await callRoute(route("POST /consent-versions"), { token: ws.token, body: { title: "ICF v2", checklist: FULL_CHECKLIST } });
    const v2 = (await created.json()) as { id: string };
    const activateV2 = { ...activate, path: activate.path.replace(ws.consentId, v2.id), params: { studyId: ws.studyId, versionId: v2.id } };
    for (const date of ["2026-05-31", "2026-06-01"]) {
      const refused = await callRoute(activateV2, { token: ws.token, body: { effectiveDate: date, reason: "backwards" } });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { error: { field: string; message: string } }).error).toMatchObject({ field: "effectiveDate", message: expect.stringContaining("2026-06-01") });
    }
    expect((await getDb().consentVersion.findUniqueOrThrow({ where: { id: v2.id } })).status).toBe("DRAFT");
    expect((await callRoute(activateV2, { token: ws.token, body: { effectiveDate: "2026-06-02", reason: "new risk information" } })).status).toBe(200);
  });
});

describe("defect 3: path parameters are strict; anything else is 404", () => {
  const getVersion = (version: string) =>
    getPlanVersion(new Request(`http://localhost/api/v1/studies/${ws.studyId}/plan-versions/${version}`, { headers: { authorization: `Bearer ${ws.token}` } }), { params: Promise.resolve({ studyId: ws.studyId, version }) });

  it.each(["2147483648", "99999999999999999999", "0x1", "1.0", "+1", "01", "1e0", "-1", " 1"])("GET /plan-versions/%s is 404", async (version) => {
    expect((await getVersion(version)).status).toBe(404);
  });

  it("the canonical spelling still resolves", async () => {
    expect((await getVersion(String(ws.planVersion))).status).toBe(200);
  });

  it("PUT to /plan-versions/0x1 does not overwrite draft 1", async () => {
    const before = await getDb().planVersion.findUniqueOrThrow({ where: { id: ws.planVersionId } });
    const put = route("PUT /plan-versions/{v}");
    const response = await callRoute({ ...put, params: { studyId: ws.studyId, version: "0x1" } }, { token: ws.token, body: { plan: { ...ws.plan, durationMonths: 12 } } });
    expect(response.status).toBe(404);
    expect(await getDb().planVersion.findUniqueOrThrow({ where: { id: ws.planVersionId } })).toEqual(before);
  });

  it.each(["a\u0000b", "..", "x".repeat(65), "a b"])("an id parameter %j is 404", async (studyId) => {
    const response = await getStudy(new Request("http://localhost/api/v1/studies/x", { headers: { authorization: `Bearer ${ws.token}` } }), { params: Promise.resolve({ studyId }) });
    expect(response.status).toBe(404);
  });
});

describe("defect 4: cookie-authenticated writes must be same-origin JSON; bearer tokens are not affected", () => {
  const products = () => route("POST /products");
  it("a foreign Origin is 403 before anything runs", async () => {
    const before = await countAllRows();
    const response = await callRoute(products(), { body: products().body, headers: { origin: "https://evil.example", "content-type": "text/plain", cookie: "next-auth.session-token=x" } });
    expect(response.status).toBe(403);
    expect(await countAllRows()).toEqual(before);
  });

  it("a same-site but other origin is 403 too, and Sec-Fetch-Site: cross-site without Origin", async () => {
    expect((await callRoute(products(), { body: products().body, headers: { origin: "http://localhost:4000" } })).status).toBe(403);
    expect((await callRoute(products(), { body: products().body, headers: { origin: "http://evil.localhost:3000" } })).status).toBe(403);
    expect((await callRoute(products(), { body: products().body, headers: { "sec-fetch-site": "same-site" } })).status).toBe(403);
    expect((await callRoute(products(), { body: products().body, headers: { origin: "null" } })).status).toBe(403);
  });

  it("a same-origin write that is not JSON is 415", async () => {
    const response = await callRoute(products(), { body: products().body, headers: { origin: "http://localhost:3000", "content-type": "text/plain" } });
    expect(response.status).toBe(415);
  });

  it("with a bearer token, Origin and Content-Type do not matter", async () => {
    const response = await callRoute(route("POST /plan-versions/validate"), { token: ws.token, body: route("POST /plan-versions/validate").body, headers: { origin: "https://evil.example", "content-type": "text/plain" } });
    expect(response.status).toBe(200);
  });
});

describe("defect 6: the sign-in throttle cannot be raced", () => {
  const PASSWORD = "correct horse battery";
  async function account() {
    const { fx } = await createWorkspaceFixture();
    const { hashPassword } = await import("@/lib/auth/password");
    await getDb().user.update({ where: { id: fx.monitor.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    return fx.monitor;
  }

  it("50 parallel attempts: at most 5 reach the password check, and the correct password after them is refused", async () => {
    const user = await account();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => authenticate({ email: user.email, password: `wrong-${i}` }, `10.50.0.${i}`)));
    expect(results.every((r) => r === null)).toBe(true);
    const attempts = await getDb().signInAttempt.findMany({ where: { email: user.email } });
    expect(attempts).toHaveLength(50);
    expect(attempts.filter((a) => !a.throttled)).toHaveLength(5);
    expect(await authenticate({ email: user.email, password: PASSWORD }, "10.50.1.1")).toBeNull();
  });

  it("49 wrong and 1 correct in parallel: never more than 5 checked", async () => {
    const user = await account();
    const passwords = Array.from({ length: 50 }, (_, i) => (i === 49 ? PASSWORD : `wrong-${i}`));
    await Promise.all(passwords.map((password, i) => authenticate({ email: user.email, password }, `10.51.0.${i}`)));
    const checked = await getDb().signInAttempt.count({ where: { email: user.email, throttled: false } });
    expect(checked).toBe(5);
  });

  it("a correct password is never counted as a failure, and a success resets the count", async () => {
    const user = await account();
    for (let i = 0; i < 4; i++) expect(await authenticate({ email: user.email, password: "nope" }, "10.52.0.1")).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD }, "10.52.0.1")).toBe(user.id);
    const success = await getDb().signInAttempt.findFirstOrThrow({ where: { email: user.email, succeeded: true } });
    expect(success.throttled).toBe(false);
    for (let i = 0; i < 4; i++) expect(await authenticate({ email: user.email, password: "nope" }, "10.52.0.2")).toBeNull();
    expect(await authenticate({ email: user.email, password: PASSWORD }, "10.52.0.2")).toBe(user.id);
  });

  it("after 5 failures the account waits 30 s, then gets one more try (the wait doubles per failure)", async () => {
    const user = await account();
    for (let i = 0; i < 5; i++) await authenticate({ email: user.email, password: "nope" }, "10.53.0.1");
    expect(await authenticate({ email: user.email, password: PASSWORD }, "10.53.0.1")).toBeNull();
    // 31 seconds pass.
    await getDb().$executeRaw`UPDATE sign_in_attempt SET "createdAt" = "createdAt" - interval '31 seconds' WHERE email = ${user.email}`;
    expect(await authenticate({ email: user.email, password: PASSWORD }, "10.53.0.1")).toBe(user.id);
  });
});

describe("defect 7: no database text reaches a client", () => {
  it("a 9,000-character e-mail at sign-in is refused before the database, writing nothing", async () => {
    const before = await getDb().signInAttempt.count();
    expect(await authenticate({ email: `${"a".repeat(9000)}@test.test`, password: "x" }, "10.7.0.1")).toBeNull();
    expect(await getDb().signInAttempt.count()).toBe(before);
  });

  it("a data error PostgreSQL raises becomes a 400 without its text; anything else a bare 500", async () => {
    const dataError = await getDb().$queryRaw`SELECT ${"2026-13-45"}::date`.catch((error: unknown) => error);
    const failure = describeFailure(dataError);
    expect(failure.code).toBe("bad_request");
    expect(failure.message).not.toMatch(/2026-13-45|date\/time|datestyle/i);
    const other = describeFailure(await getDb().$queryRawUnsafe("SELECT * FROM no_such_table").catch((error: unknown) => error));
    expect(other).toEqual({ code: "internal", message: "Something went wrong on the server. Nothing was saved." });
  });
});

describe("defect 8: size limits", () => {
  it("a body over 1 MB is 413 before parsing (declared length, or streamed without one)", async () => {
    const validate = route("POST /plan-versions/validate");
    const big = JSON.stringify({ plan: ws.plan, padding: "x".repeat(1024 * 1024) });
    const declared = await callRoute(validate, { token: ws.token, rawBody: big, headers: { "content-length": String(Buffer.byteLength(big)) } });
    expect(declared.status).toBe(413);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(32));
      },
    });
    const streamed = await callRoute(validate, { token: ws.token, rawBody: stream });
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(100);
  });

  it("plans are bounded: 500 visits, durationMonths ≤ 600, offsetMonths ≤ durationMonths, strings", async () => {
    const put = route("PUT /plan-versions/{v}");
    const before = await getDb().planVersion.findUniqueOrThrow({ where: { id: ws.planVersionId } });
    const visit = ws.plan.visits[0]!;
    const cases: [unknown, string][] = [
      [{ ...ws.plan, durationMonths: 601, visits: [] }, "plan.durationMonths"],
      [{ ...ws.plan, durationMonths: 9007199254740991 }, "plan.durationMonths"],
      [{ ...ws.plan, durationMonths: 600, visits: Array.from({ length: 501 }, (_, i) => ({ ...visit, id: `V${i}`, offsetMonths: 1 })) }, "plan.visits"],
      [{ ...ws.plan, visits: [{ ...visit, offsetMonths: ws.plan.durationMonths + 1 }] }, "plan.visits[0].offsetMonths"],
      [{ ...ws.plan, visits: [{ ...visit, offsetMonths: 9007199254740991 }] }, "plan.visits[0].offsetMonths"],
      [{ ...ws.plan, ruleSet: "x".repeat(1024 * 100) }, "plan.ruleSet"],
    ];
    for (const [plan, field] of cases) {
      const response = await callRoute(put, { token: ws.token, body: { plan } });
      expect(response.status, field).toBe(400);
      const { error } = (await response.json()) as { error: { field: string } };
      expect(error.field).toBe(field);
    }
    expect(await getDb().planVersion.findUniqueOrThrow({ where: { id: ws.planVersionId } })).toEqual(before);
  });
});

describe("defect 11: a session ends everywhere when its user signs out", () => {
  it("a session carrying an older version is no session", async () => {
    const user = ws.fx.monitor;
    const current = (await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
    expect(await getActorByUserId(getDb(), { userId: user.id, sessionVersion: current })).not.toBeNull();
    await endAllSessions(getDb(), { userId: user.id });
    expect(await getActorByUserId(getDb(), { userId: user.id, sessionVersion: current })).toBeNull();
    expect(await getActorByUserId(getDb(), { userId: user.id, sessionVersion: current + 1 })).not.toBeNull();
  });

  it("API tokens are not sessions: they stay valid until revoked", async () => {
    expect((await getMe(new Request("http://localhost/api/v1/me", { headers: { authorization: `Bearer ${ws.token}` } }), { params: Promise.resolve({}) })).status).toBe(200);
  });
});
