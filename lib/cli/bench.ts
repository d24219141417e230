import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openAppDatabase } from "@/lib/cli/app-database";
import { FLOOR_SQL } from "@/lib/cli/bench-floor";
import { buildApp, buildIsStale } from "@/lib/cli/build";
import type { BenchResult } from "@/lib/cli/bench-result";
import { parseLargeOptions } from "@/lib/cli/large-options";
import { ensureAuthSecret } from "@/lib/cli/secret";
import { disconnectDb, getDb } from "@/lib/db/client";
import { SWEEP_DONE } from "@/lib/safety-records/sweep-timer";
import { todayCalendarDate } from "@/lib/subjects/today";
import { DEMO_PASSWORD } from "@/prisma/demo-accounts";
import { protocolFor, seedLarge } from "@/prisma/seed-large";

/**
 * `npm run bench -- --subjects N`: the program `SCALE-N` (seeded first when it holds fewer
 * subjects), the production server started on it, and measured over HTTP from outside as the
 * demo users: the monitor dashboard's data load (GET /api/v1/studies/{id}/dashboard), the floor
 * (its heaviest query, hand-written, over pg from here), an investigator's worklist (the
 * /investigator page at one site), a plan amendment through the API (create a version, activate
 * it: every subject re-applied), and 50 concurrent signed-in users mixed between dashboard,
 * worklist and subject page. A table, then one JSON line (the last line of output).
 *
 * Measuring starts once the server's start-up safety sweep has finished (its log line), so the
 * figures are of pages, not of the sweep competing with them. `--smoke` (npm test's bench
 * stage): the same phases and JSON keys with fewer repetitions — 5 timed runs instead of 30,
 * and each of the 50 concurrent users sends one request instead of six.
 */
const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const step = (message: string) => process.stdout.write(`▸ ${message}\n`);
const smoke = process.argv.includes("--smoke");
const RUNS = Number(process.env.BENCH_RUNS ?? (smoke ? 5 : 30));
const CONCURRENT_USERS = 50;
const CONCURRENT_REQUESTS_PER_USER = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? (smoke ? 1 : 6));
/**
 * Mean think time of a concurrent user between two pages (exponential, the first request spread over
 * one mean), in ms. 0 (the default, the issue's probe): each user asks for the next page as soon as
 * the last one arrives, a closed loop as fast as the server answers. A reader of a clinical page
 * pauses; the figure with think time is for the team's decision on the 50-user target (decision 010).
 */
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const thinkPause = (mean: number) => new Promise<void>((resolve) => setTimeout(resolve, mean));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
/** Figures to 0.1 ms / 0.1 s, the ratio to 0.01: `toFixed` then back to a number, so the JSON shows no binary tail. */
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private store(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.base}${pathname}`, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader } });
    this.store(response);
    return response;
  }

  /** next-auth credentials sign-in, as the login form does it. */
  async signIn(email: string): Promise<void> {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }).toString(),
    });
    await response.arrayBuffer();
    if (![...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new Error(`sign-in as ${email} failed (${response.status})`);
  }

  /** One timed GET whose body is read in full; throws on a status other than 200. */
  async timedGet(pathname: string): Promise<number> {
    const started = performance.now();
    const response = await this.request(pathname);
    await response.arrayBuffer();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status}`);
    return ms;
  }
}

/**
 * Resolves when the server logs that its start-up safety sweep finished; rejects when it logs
 * a failed sweep (at 10^5 subjects it once did) or exits. The server's log is passed through.
 */
function sweepFinished(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let pending = "";
    const onLine = (line: string) => {
      if (line.startsWith(SWEEP_DONE)) resolve(line);
      else if (line.startsWith("safety sweep failed")) reject(new Error(`the server's ${line}`));
    };
    for (const stream of [server.stdout, server.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        if (stream === server.stderr) process.stderr.write(chunk);
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    server.once("exit", (code) => reject(new Error(`the web server exited (${code})`)));
  });
}

async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the web server exited (${server.exitCode})`);
    try {
      const response = await fetch(`${base}/login`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the web server did not answer within 2 minutes");
}

async function timeRuns(runs: number, once: () => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  await once(); // warm-up: first compilation of the route, plan caches
  for (let i = 0; i < runs; i++) times.push(await once());
  // Printed as soon as measured, so a long run that fails later still leaves its figures.
  step(`  p50 ${fmt(percentile(times, 50))}, p95 ${fmt(percentile(times, 95))}`);
  return times;
}

/**
 * A POST that may take minutes (an amendment of 10^5 subjects): node:http, because fetch gives
 * up waiting for response headers after 300 s.
 */
function longPost(url: string, cookie: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", cookie, "content-length": Buffer.byteLength(body) }, timeout: 30 * 60_000 }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 30 minutes")));
    request.on("error", reject);
    request.end(body);
  });
}

async function main() {
  const options = parseLargeOptions(
    process.argv.slice(2).filter((arg) => arg !== "--smoke"),
    2_000,
  );
  const port = Number(process.env.BENCH_PORT ?? 3208);
  const base = `http://127.0.0.1:${port}`;
  const { url, embedded } = await openAppDatabase(step);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await client.end().catch(() => {});
    await disconnectDb();
    await embedded?.stop();
  };
  process.on("SIGINT", () => void stop().then(() => process.exit(130)));
  try {
    const db = getDb();
    const protocolNumber = protocolFor(options.subjects);
    const present = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "subject" s JOIN "study" st ON st."id" = s."studyId" WHERE st."protocolNumber" = $1`, [protocolNumber])).rows[0]!.n;
    if (present < options.subjects) {
      step(`${protocolNumber} holds ${present} subjects: seeding to ${options.subjects}`);
      const seeded = await seedLarge(db, client, { subjects: options.subjects, log: step });
      step(`seeded ${seeded.added} subjects in ${seeded.seconds.toFixed(1)} s`);
    }
    const study = (await client.query<{ id: string }>(`SELECT "id" FROM "study" WHERE "protocolNumber" = $1`, [protocolNumber])).rows[0]!;
    await disconnectDb();

    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "production", NEXTAUTH_SECRET: ensureAuthSecret(), NEXTAUTH_URL: base, LTFU_DEMO_MODE: "1", NEXT_TELEMETRY_DISABLED: "1" };
    if (buildIsStale()) {
      step("building the app (changed sources)");
      buildApp(env);
    }
    step(`starting the production server on port ${port}`);
    server = spawn(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    const swept = sweepFinished(server);
    swept.catch(() => {}); // awaited below; a failure before then must not be unhandled
    await waitForServer(base, server);
    step("waiting for the server's start-up safety sweep");
    step(`  ${await swept}`);

    const monitor = new Session(base);
    const investigator = new Session(base);
    const sponsor = new Session(base);
    await monitor.signIn("monitor@demo.test");
    await investigator.signIn("investigator@demo.test");
    await sponsor.signIn("sponsor@demo.test");

    const asOf = todayCalendarDate();
    const dashboardPath = `/api/v1/studies/${study.id}/dashboard?asOf=${asOf}`;
    const counts = (await client.query<{ visits: number; records: number }>(
      `SELECT count(*)::int AS visits, count(r."id")::int AS records FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId"
       LEFT JOIN "visit_record" r ON r."subjectId" = sv."subjectId" AND r."visitId" = sv."visitId" AND r."planVersion" IS NOT DISTINCT FROM sv."planVersion" WHERE s."studyId" = $1`,
      [study.id],
    )).rows[0]!;
    const siteSubjects = (await client.query<{ id: string }>(
      `SELECT s."id" FROM "subject" s JOIN "site" si ON si."id" = s."siteId" WHERE s."studyId" = $1 AND si."code" = 'SH-01' ORDER BY s."code" LIMIT 200`,
      [study.id],
    )).rows.map((r) => r.id);

    step(`measuring the dashboard (${RUNS} runs)`);
    const dashboard = await timeRuns(RUNS, () => monitor.timedGet(dashboardPath));
    step(`measuring the floor: the heaviest query as raw SQL (${RUNS} runs)`);
    const floor = await timeRuns(RUNS, async () => {
      const started = performance.now();
      await client.query(FLOOR_SQL, [study.id, asOf]);
      return performance.now() - started;
    });
    step(`measuring the investigator's worklist at SH-01 (${RUNS} runs)`);
    const worklist = await timeRuns(RUNS, () => investigator.timedGet("/investigator"));
    step(`measuring a subject page (${RUNS} runs)`);
    let k = 0;
    const subjectPage = await timeRuns(RUNS, () => investigator.timedGet(`/subjects/${siteSubjects[k++ % siteSubjects.length]}`));

    // Where a page's time goes: the session lookup alone (JWT + the actor's row), a page rendered
    // without session or data (layout, catalog, React), then the pages above.
    step(`measuring the parts of a page: session lookup (GET /api/v1/me), a bare page (/login) (${RUNS} runs each)`);
    const sessionOnly = await timeRuns(RUNS, () => investigator.timedGet("/api/v1/me"));
    const anonymous = new Session(base);
    // next-auth's csrf cookie first: without it the sign-in page sends the browser to get one (app/login/page.tsx).
    await (await anonymous.request("/api/auth/csrf")).arrayBuffer();
    const barePage = await timeRuns(RUNS, () => anonymous.timedGet("/login"));

    step(`${CONCURRENT_USERS} concurrent users × ${CONCURRENT_REQUESTS_PER_USER} request(s) each (dashboard, worklist, subject page)${THINK_MS > 0 ? `, ${THINK_MS} ms mean think time` : ", no think time"}`);
    const concurrent: number[] = [];
    const perPage: Record<string, number[]> = { dashboard: [], worklist: [], subject: [] };
    let errors = 0;
    const concurrentStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENT_USERS }, async (_, user) => {
        for (let i = 0; i < CONCURRENT_REQUESTS_PER_USER; i++) {
          if (THINK_MS > 0) await thinkPause(i === 0 ? Math.random() * THINK_MS : -THINK_MS * Math.log(1 - Math.random()));
          const kind = (["dashboard", "worklist", "subject"] as const)[(user + i) % 3]!;
          try {
            const ms =
              kind === "dashboard" ? await monitor.timedGet(dashboardPath) : kind === "worklist" ? await investigator.timedGet("/investigator") : await investigator.timedGet(`/subjects/${siteSubjects[(user * 7 + i) % siteSubjects.length]}`);
            concurrent.push(ms);
            perPage[kind]!.push(ms);
          } catch {
            errors++;
          }
        }
      }),
    );
    const concurrentSeconds = (performance.now() - concurrentStarted) / 1000;
    step(`  p50 ${fmt(percentile(concurrent, 50))}, p95 ${fmt(percentile(concurrent, 95))}, ${errors} errors, ${(concurrent.length / concurrentSeconds).toFixed(1)} req/s`);

    step("amendment: a new plan version (copy of the latest) activated and re-applied to every subject");
    const activeEffective = (await client.query<{ d: string }>(`SELECT max("effectiveDate")::text AS d FROM "plan_version" WHERE "studyId" = $1 AND "status" IN ('ACTIVE', 'SUPERSEDED')`, [study.id])).rows[0]!.d;
    const effectiveDate = activeEffective >= asOf ? new Date(Date.parse(`${activeEffective}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : asOf;
    const created = await sponsor.request(`/api/v1/studies/${study.id}/plan-versions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ source: "copy_latest" }) });
    const draft = (await created.json()) as { version?: number };
    if (created.status !== 201 || !draft.version) throw new Error(`creating the plan version: ${created.status} ${JSON.stringify(draft)}`);
    const amendmentStarted = performance.now();
    const activated = await longPost(`${base}/api/v1/studies/${study.id}/plan-versions/${draft.version}/activate`, sponsor.cookieHeader, JSON.stringify({ effectiveDate, reason: "benchmark amendment: re-applied to every subject" }));
    const amendmentSeconds = (performance.now() - amendmentStarted) / 1000;
    if (activated.status !== 200) throw new Error(`activating the plan version: ${activated.status} ${activated.text.slice(0, 300)}`);
    step(`  ${amendmentSeconds.toFixed(1)} s`);

    const result: BenchResult = {
      subjects: options.subjects,
      visits: counts.visits,
      dashboardP50Ms: round(percentile(dashboard, 50)),
      dashboardP95Ms: round(percentile(dashboard, 95)),
      floorP95Ms: round(percentile(floor, 95)),
      ratio: round(percentile(dashboard, 95) / percentile(floor, 95), 2),
      worklistP95Ms: round(percentile(worklist, 95)),
      amendmentSeconds: round(amendmentSeconds),
      concurrentP95Ms: round(percentile(concurrent, 95)),
      concurrentErrors: errors,
    };
    const rows: Array<[string, string, string, string]> = [
      ["dashboard (GET /api/v1/studies/{id}/dashboard)", fmt(percentile(dashboard, 50)), fmt(percentile(dashboard, 95)), "≤ 250 ms p95"],
      ["floor (heaviest query, raw SQL)", fmt(percentile(floor, 50)), fmt(percentile(floor, 95)), ""],
      ["ratio dashboard p95 / floor p95", "", String(result.ratio), "≤ 3"],
      ["worklist (/investigator, SH-01)", fmt(percentile(worklist, 50)), fmt(percentile(worklist, 95)), "≤ 100 ms p95"],
      ["subject page (/subjects/{id})", fmt(percentile(subjectPage, 50)), fmt(percentile(subjectPage, 95)), ""],
      ["  part: session lookup only (GET /api/v1/me)", fmt(percentile(sessionOnly, 50)), fmt(percentile(sessionOnly, 95)), ""],
      ["  part: rendering without session or data (/login)", fmt(percentile(barePage, 50)), fmt(percentile(barePage, 95)), ""],
      [`${CONCURRENT_USERS} users${THINK_MS > 0 ? `, think ${THINK_MS} ms` : ""}: all pages (${concurrent.length} req, ${(concurrent.length / concurrentSeconds).toFixed(1)} req/s)`, fmt(percentile(concurrent, 50)), fmt(percentile(concurrent, 95)), "≤ 500 ms p95, 0 errors"],
      ...(["dashboard", "worklist", "subject"] as const).map((kind): [string, string, string, string] => [`  ${kind} under load`, fmt(percentile(perPage[kind]!, 50)), fmt(percentile(perPage[kind]!, 95)), ""]),
      ["amendment (activate + re-apply)", "", `${result.amendmentSeconds} s`, "≤ 120 s"],
    ];
    process.stdout.write(`\n${protocolNumber}: ${options.subjects} subjects, ${counts.visits} scheduled visits, ${counts.records} recorded; errors under load: ${errors}\n`);
    process.stdout.write(`${"measure".padEnd(62)}${"p50".padStart(10)}${"p95".padStart(10)}  target\n`);
    for (const [label, p50, p95, target] of rows) process.stdout.write(`${label.padEnd(62)}${p50.padStart(10)}${p95.padStart(10)}  ${target}\n`);
    await stop();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    await stop();
    throw error;
  }
}

function fmt(ms: number): string {
  return Number.isNaN(ms) ? "–" : `${ms.toFixed(1)} ms`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
