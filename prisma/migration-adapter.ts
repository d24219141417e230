import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parse } from "pg-connection-string";

/**
 * The driver adapter the JS schema engine uses for `prisma migrate`. It works around
 * three problems of @prisma/adapter-pg 6.19 under that engine (see ../shared/STACK.md):
 *  1. introspection reads `name` (oid 19) and `"char"` (oid 18) columns, which the adapter
 *     refuses to deserialize: they are re-typed as text (oid 25);
 *  2. the shadow database is built from `{...config, database}`, which a connection string
 *     overrides, and dropped before its pool ends: we create, connect and drop it ourselves;
 *  3. scripts (executeScript, and migrations sent through executeRaw) must run whole, as
 *     PostgreSQL's simple query protocol allows: the adapter splits them on ";", which
 *     breaks PL/pgSQL bodies (the audit trigger), or prepares them, which refuses lists.
 */
const TEXT_OID = 25;
const UNSUPPORTED_TEXT_LIKE_OIDS = new Set([18, 19]);

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;
interface PerformsIO {
  performIO(query: unknown): Promise<pg.QueryResult>;
  onError(error: unknown): never;
}

function patchQueryable<T extends object>(queryable: T): T {
  const target = queryable as unknown as PerformsIO & {
    client: pg.Pool | pg.PoolClient;
    executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
  };
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) {
      if (UNSUPPORTED_TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
  // Migration scripts arrive through executeRaw as one parameterless statement list, which
  // the extended protocol refuses ("cannot insert multiple commands into a prepared
  // statement"); without parameters, the simple protocol runs them as one script.
  const executeRaw = target.executeRaw.bind(target);
  target.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    try {
      const result = (await target.client.query(query.sql)) as pg.QueryResult | pg.QueryResult[];
      return Array.isArray(result) ? result.reduce((sum, r) => sum + (r.rowCount ?? 0), 0) : (result.rowCount ?? 0);
    } catch (error) {
      return target.onError(error);
    }
  };
  return queryable;
}

function patchAdapter(adapter: Adapter, pool: pg.Pool): Adapter {
  patchQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => patchQueryable(await startTransaction(isolationLevel));
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      (adapter as unknown as PerformsIO).onError(error);
    }
  };
  return adapter;
}

function poolConfig(connectionString: string, database?: string): pg.PoolConfig {
  const parsed = parse(connectionString);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user,
    password: parsed.password,
    database: database ?? parsed.database ?? undefined,
    max: 4,
  };
}

export class MigrationPgAdapterFactory extends PrismaPg {
  constructor(private readonly connectionString: string) {
    super(new pg.Pool(poolConfig(connectionString)), { disposeExternalPool: true });
  }

  override async connect(): Promise<Adapter> {
    const adapter = await super.connect();
    return patchAdapter(adapter, adapter.underlyingDriver() as pg.Pool);
  }

  override async connectToShadowDb(): Promise<Adapter> {
    const database = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client(poolConfig(this.connectionString));
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();

    const shadowPool = new pg.Pool(poolConfig(this.connectionString, database));
    const adapter = await new PrismaPg(shadowPool).connect();
    patchAdapter(adapter, shadowPool);
    adapter.dispose = async () => {
      await shadowPool.end();
      const dropper = new pg.Client(poolConfig(this.connectionString));
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  }
}
