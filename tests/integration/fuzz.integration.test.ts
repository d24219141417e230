import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { callRoute, countAllRows, createWorkspaceFixture, type WriteRoute } from "./hardening-fixtures";
import { createSiteWorkRoutes } from "./site-work-routes";

/**
 * Malformed input against the real route handlers on the real PostgreSQL: every write route
 * of /api/v1 gets its valid body with one defect planted anywhere in it (a string PostgreSQL
 * cannot store, an overlong string, a value of the wrong JSON type, a number out of range, an
 * impossible or out-of-range date, an unknown enum value), raw bodies that are not JSON at
 * all, and path parameters of any shape. Over 10,000 requests: none may answer ≥ 500, every
 * one must be refused (4xx), and no table of the database may gain or lose a row.
 */
let ws: Awaited<ReturnType<typeof createWorkspaceFixture>>;
let rowsBefore: Record<string, string>;
let requests = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  ws = await createWorkspaceFixture();
  // Subjects, visits and signatures: enrolled by the investigator, with the investigator's token.
  ws.routes.push(...(await createSiteWorkRoutes()));
  rowsBefore = await countAllRows();
}, 120_000);
afterAll(disconnectDb);

type Path = (string | number)[];

/** Every path of a JSON value, inner nodes included; the root is []. */
function allPaths(value: unknown, path: Path = []): Path[] {
  const own: Path[] = [path];
  if (Array.isArray(value)) return own.concat(...value.map((child, i) => allPaths(child, [...path, i])));
  if (value !== null && typeof value === "object") return own.concat(...Object.entries(value).map(([key, child]) => allPaths(child, [...path, key])));
  return own;
}

function valueAt(body: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], body);
}

function withValue(body: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const unstorable = fc
  .tuple(fc.string({ maxLength: 20 }), fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff"), fc.string({ maxLength: 20 }))
  .map(([a, bad, b]) => `${a}${bad}${b}`)
  // a string that ends in a high surrogate followed by one starting with a low one would pair up
  .filter((s) => /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s));
const overlong = fc.integer({ min: 5001, max: 40_000 }).map((n) => "x".repeat(n));
const badDate = fc.constantFrom("0000-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-02-30", "2026-13-01", "2026-1-1", "", "20260101", "2026-01-01T00:00:00Z");
const wrongForString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.double({ noNaN: true }));
const wrongForNumber = fc.oneof(
  // (2³¹ itself is a valid offset for the contract's validate route, which bounds nothing: not a defect there.)
  fc.constantFrom(-1, 1.5, 1e300, -1e300, 9007199254740992, 2 ** 53 + 2, -(2 ** 31)),
  fc.string({ maxLength: 5 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
);
const wrongForBoolean = fc.oneof(fc.constantFrom("true", "false", 0, 1, null, "", []), fc.string({ maxLength: 5 }));
const wrongForContainer = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null));

/** A defect suited to what sits at `path` (so the result is always malformed). */
function defectFor(current: unknown, key: string | number | undefined): fc.Arbitrary<unknown> {
  if (typeof current === "string") {
    if (key === "effectiveDate") return fc.oneof(badDate, unstorable, wrongForString);
    return fc.oneof(unstorable, overlong, wrongForString);
  }
  if (typeof current === "number") return wrongForNumber;
  if (typeof current === "boolean") return wrongForBoolean;
  if (Array.isArray(current)) return fc.oneof(wrongForContainer, fc.constant({}));
  return fc.oneof(wrongForContainer, fc.constant([]));
}

function mutation(route: WriteRoute): fc.Arbitrary<{ path: Path; value: unknown; body: unknown }> {
  const paths = allPaths(route.body).filter((path) => {
    // Record keys that a schema allows freely (justifications, checklist items) are containers, not fields.
    const value = valueAt(route.body, path);
    return value !== undefined;
  });
  return fc.constantFrom(...paths).chain((path) => defectFor(valueAt(route.body, path), path.at(-1)).map((value) => ({ path, value, body: withValue(route.body, path, value) })));
}

async function expectRefused(response: Response, context: () => string) {
  requests++;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  if (response.status >= 500 || response.status < 400) throw new Error(`${response.status} for ${context()}: ${await response.text()}`);
}

const RUNS_PER_ROUTE = 800;

describe("fuzz: malformed input never reaches the database as a 500, and writes nothing", () => {
  it(`${RUNS_PER_ROUTE} bodies with one defect per write route`, async () => {
    for (const route of ws.routes) {
      await fc.assert(
        fc.asyncProperty(mutation(route), async ({ path, value, body }) => {
          const response = await callRoute(route, { token: route.token ?? ws.token, body });
          await expectRefused(response, () => `${route.name} ${path.join(".")} = ${JSON.stringify(value)?.slice(0, 200)}`);
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }
  }, 600_000);

  it("bodies that are not JSON, or not an object", async () => {
    const rawBody = fc.oneof(
      fc.string({ maxLength: 200 }).filter((s) => s.trim() !== ""),
      fc.constantFrom("{", "[", '{"a":', "nul", "tru", '"\\ud800"', "{}}", "[".repeat(3000), "null", "[]", "42", '"text"', "true", '{"__proto__": {"x": 1}}'),
      fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ws.routes), rawBody, async (route, raw) => {
        // Routes whose schema accepts {} would accept `{"__proto__": …}` too: they are given a defect alongside.
        const response = await callRoute(route, { token: route.token ?? ws.token, rawBody: raw === '{"__proto__": {"x": 1}}' ? '{"__proto__": {"x": 1}, "plan": 1, "source": 1}' : raw });
        await expectRefused(response, () => `${route.name} raw ${JSON.stringify(raw).slice(0, 200)}`);
      }),
      { numRuns: 1000, endOnFailure: true },
    );
  }, 300_000);

  it("path parameters of any shape", async () => {
    const param = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constantFrom("0x1", "1.0", "2147483648", "-1", "01", "1e3", "\u0000", "\ud800", "..", "%00", "a/b", " 1"),
      fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
    );
    const paramRoutes = ws.routes.filter((route) => Object.keys(route.params).length > 0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paramRoutes), param, async (route, value) => {
        const name = Object.keys(route.params).at(-1)!;
        // The body carries a defect too, so that a parameter which happens to name a real record still writes nothing.
        const response = await callRoute({ ...route, params: { ...route.params, [name]: value } }, { token: route.token ?? ws.token, body: withValue(route.body, [], null) });
        await expectRefused(response, () => `${route.name} ${name}=${JSON.stringify(value)}`);
      }),
      { numRuns: 500, endOnFailure: true },
    );
  }, 300_000);

  it("tried at least 10,000 requests, and no row was written", async () => {
    expect(requests).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    expect(await countAllRows()).toEqual(rowsBefore);
    console.info(`fuzz: ${requests} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
