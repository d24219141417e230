import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/cli/embedded-db";

/**
 * `npm start` stops cleanly whichever process of its tree gets the signal: here SIGTERM goes to
 * the top process (npm) alone, in the middle of a burst of writes. Every write answered 201 is
 * in the database, no request gets a 500, and after 20 s no process of the tree is left.
 * Uses the app's own embedded cluster (.data/postgres) on ports of its own.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));
const PORT = Number(process.env.SHUTDOWN_TEST_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 100);
const base = `http://localhost:${PORT}`;

function children(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function tree(pid: number): number[] {
  return [pid, ...children(pid).flatMap(tree)];
}

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

function cookieHeader(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const index = pair!.indexOf("=");
    jar.set(pair!.slice(0, index), pair!.slice(index + 1));
  }
}
const asHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function burstThenSignal(send: (npmPid: number) => void) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), LTFU_PG_PORT: String(54_500 + (PORT % 100)) };
  for (const name of ["DATABASE_URL", "DATABASE_OWNER_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "LTFU_DEMO_MODE", "NODE_ENV"]) delete env[name];
  const npm = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  let pids: number[] = [];
  try {
    await expect.poll(() => /ready: http/.test(output), { timeout: 240_000, intervals: [500] }).toBe(true);

    // Sign in through next-auth's credentials endpoint, as the sign-in form does.
    const jar = new Map<string, string>();
    const csrf = await fetch(`${base}/api/auth/csrf`);
    cookieHeader(csrf, jar);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: asHeader(jar), origin: base },
      body: new URLSearchParams({ csrfToken, email: "sponsor@demo.test", password: "ltfu-demo", json: "true" }),
    });
    cookieHeader(signIn, jar);
    expect((await fetch(`${base}/api/v1/me`, { headers: { cookie: asHeader(jar) } })).status).toBe(200);

    pids = tree(npm.pid!);
    expect(pids.length).toBeGreaterThanOrEqual(5); // npm, sh, tsx, start.ts, next, postgres…

    const created: string[] = [];
    const failures: number[] = [];
    let refused = 0;
    let signalled = false;
    let stop = false;
    let sequence = 0;
    const profile = { platform: "aav", exVivo: false, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true };
    const worker = async () => {
      while (!stop) {
        const code = `SHUT-${process.pid}-${Date.now()}-${sequence++}`;
        try {
          const response = await fetch(`${base}/api/v1/products`, {
            method: "POST",
            headers: { cookie: asHeader(jar), origin: base, "content-type": "application/json" },
            body: JSON.stringify({ name: code, code, profile }),
          });
          if (response.status === 201) created.push(((await response.json()) as { id: string }).id);
          else failures.push(response.status);
        } catch {
          // connection refused or closed: the server has stopped accepting; not an answer
          refused++;
          if (signalled) await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    // Writes are flowing (the first ones are slow on a loaded machine) before the signal.
    const startedAt = Date.now();
    while (created.length < 5 && Date.now() - startedAt < 90_000) await new Promise((resolve) => setTimeout(resolve, 100));
    const beforeSignal = created.length;
    send(npm.pid!);
    signalled = true;
    // Until the server refuses connections: at most the 10 s drain (keep-alive requests may still be served meanwhile).
    const signalledAt = Date.now();
    while (refused === 0 && Date.now() - signalledAt < 15_000) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    stop = true;
    await Promise.all(workers);

    expect(beforeSignal).toBeGreaterThan(0);
    expect(failures.filter((status) => status >= 500)).toEqual([]);
    expect(refused).toBeGreaterThan(0);

    // No process of the tree is left after 20 s.
    await expect.poll(() => pids.filter(isRunning), { timeout: 20_000, intervals: [250] }).toEqual([]);
    await exited;

    // Every request answered 201 is in the database.
    const cluster = await startEmbeddedPostgres({ name: "postgres", preferredPort: 54_600 + (PORT % 100) });
    const client = new pg.Client({ connectionString: cluster.url("ltfu") });
    try {
      await client.connect();
      const { rows } = await client.query<{ id: string }>("SELECT id FROM product WHERE id = ANY($1)", [created]);
      expect(rows.map((r) => r.id).sort()).toEqual([...created].sort());
    } finally {
      await client.end().catch(() => {});
      await cluster.stop();
    }
    expect(output).toContain("web server stopped");
    expect(output).toContain("database stopped");
  } finally {
    for (const pid of [npm.pid!, ...pids]) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  }
}

test("SIGTERM to npm start (the top process) during a burst of writes: every 201 is stored, no 500, no process left", async () => {
  test.setTimeout(300_000);
  await burstThenSignal((pid) => process.kill(pid, "SIGTERM"));
});

test("Ctrl-C (SIGINT to the whole process group) during a burst of writes: the same", async () => {
  test.setTimeout(300_000);
  await burstThenSignal((pid) => process.kill(-pid, "SIGINT"));
});

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** Which process of the tree a signal goes to, found by its command line. */
const TARGETS: Record<string, (cmd: string) => boolean> = {
  sh: (cmd) => /^sh -c .*lib\/cli\/start\.ts/.test(cmd),
  "start.ts": (cmd) => /^\S*node (--\S+ )*--import tsx lib\/cli\/start\.ts/.test(cmd),
  "web server": (cmd) => /next-server|next\/dist\/bin\/next/.test(cmd),
  postgres: (cmd) => /\/bin\/postgres -D/.test(cmd),
};

for (const [target, matches] of Object.entries(TARGETS)) {
  test(`SIGTERM to ${target} alone stops the whole tree within 20 s`, async () => {
    test.setTimeout(300_000);
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), LTFU_PG_PORT: String(54_500 + (PORT % 100)) };
    for (const name of ["DATABASE_URL", "DATABASE_OWNER_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "LTFU_DEMO_MODE", "NODE_ENV"]) delete env[name];
    const npm = spawn("npm", ["start"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    let pids: number[] = [];
    try {
      await expect.poll(() => /ready: http/.test(output), { timeout: 240_000, intervals: [500] }).toBe(true);
      pids = tree(npm.pid!);
      const victim = pids.find((pid) => matches(commandLine(pid)));
      expect(victim, `${target} in ${pids.map(commandLine).join(" | ")}`).toBeDefined();
      process.kill(victim!, "SIGTERM");
      await expect.poll(() => pids.filter(isRunning), { timeout: 20_000, intervals: [250] }).toEqual([]);
      if (target !== "postgres") expect(output).toContain("database stopped");
    } finally {
      for (const pid of [npm.pid!, ...pids]) if (isRunning(pid)) process.kill(pid, "SIGKILL");
    }
  });
}
