import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The one Prisma client of the process (a globalThis singleton so that dev reloads and
 * test files share it). Nothing else constructs a client or a pool. It is also used by the
 * command-line tools (start, seed, user:create), so it does not import "server-only".
 */
const globalForPrisma = globalThis as unknown as { ltfuPrisma?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: run the app with `npm start`, or set it (see .env.example)");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolMax() }) });
}

/**
 * Connections of the process's pool: DATABASE_POOL_MAX (checked at start by lib/env.ts), else
 * DEFAULT_POOL_MAX. Decision 010, "Per-request cost": measured with 50 concurrent users, the
 * server was CPU-bound and a larger pool showed no effect beyond the noise.
 */
export const DEFAULT_POOL_MAX = 10;
function poolMax(): number {
  const value = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(value) && value >= 1 && value <= 100 ? value : DEFAULT_POOL_MAX;
}

export function getDb(): PrismaClient {
  globalForPrisma.ltfuPrisma ??= createClient();
  return globalForPrisma.ltfuPrisma;
}

/** A transaction client, as passed to `db.$transaction(async (tx) => …)`. */
export async function disconnectDb(): Promise<void> {
  await globalForPrisma.ltfuPrisma?.$disconnect();
  globalForPrisma.ltfuPrisma = undefined;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Db = PrismaClient;
