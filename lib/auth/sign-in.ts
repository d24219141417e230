import "server-only";
import { getDb } from "@/lib/db/client";
import { getUserForSignIn } from "@/lib/db/users";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { ZSignIn } from "@/lib/validation/auth";

/** Failures older than this are forgotten. */
export const THROTTLE_WINDOW_MS = 60 * 60 * 1000;
/** Failed attempts an account gets before it has to wait. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** The first wait; it doubles with every further failure, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 30 * 1000;
export const MAX_BACKOFF_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ADDRESS = 30;
const ADDRESS_WINDOW_MS = 15 * 60 * 1000;

/** How long an account with `failures` consecutive failures waits after the last one. */
export function backoffMs(failures: number): number {
  if (failures < MAX_FAILURES_PER_ACCOUNT) return 0;
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - MAX_FAILURES_PER_ACCOUNT));
}

/**
 * Check credentials. Returns the user id, or null for every failure alike (unknown e-mail,
 * wrong password, disabled account, throttled), so the sign-in page can only say one thing.
 * Malformed input is refused before anything is written.
 *
 * The throttle is atomic: under a transaction-scoped advisory lock per e-mail (then per
 * address), the failures since the last success are counted and, when the attempt may go on,
 * it is recorded at once as a failure. Parallel attempts therefore see each other; only then,
 * outside the lock, is the password verified, and a correct one turns its row into a success.
 * After 5 failures the account waits 30 s, doubling per further failure up to 15 minutes
 * (a backoff, not a lockout an attacker can extend at will). An attempt refused by the
 * throttle is recorded as throttled and never counts as a failure.
 */
export async function authenticate(input: unknown, address: string): Promise<string | null> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  const clientAddress = address.slice(0, 100);

  // Short: two locks (always e-mail first, then address, so no two attempts wait on each other
  // in a cycle), one read, one insert. A queue of parallel attempts may wait for the pool.
  const attempt = await db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`})), pg_advisory_xact_lock(hashtext(${`sign-in:address:${clientAddress}`}))) AS a`;
      const now = Date.now();
      const since = new Date(now - THROTTLE_WINDOW_MS);
      const [stats] = await tx.$queryRaw<{ failures: number; lastFailure: Date | null; addressFailures: number }[]>`
        WITH last_success AS (SELECT max("createdAt") AS at FROM sign_in_attempt WHERE email = ${email} AND succeeded)
        SELECT
          (SELECT count(*)::int FROM sign_in_attempt, last_success
            WHERE email = ${email} AND NOT succeeded AND NOT throttled AND "createdAt" >= ${since} AND (last_success.at IS NULL OR "createdAt" > last_success.at)) AS failures,
          (SELECT max("createdAt") FROM sign_in_attempt, last_success
            WHERE email = ${email} AND NOT succeeded AND NOT throttled AND "createdAt" >= ${since} AND (last_success.at IS NULL OR "createdAt" > last_success.at)) AS "lastFailure",
          (SELECT count(*)::int FROM sign_in_attempt
            WHERE address = ${clientAddress} AND NOT succeeded AND NOT throttled AND "createdAt" >= ${new Date(now - ADDRESS_WINDOW_MS)}) AS "addressFailures"`;
      const waitUntil = stats?.lastFailure ? new Date(stats.lastFailure).getTime() + backoffMs(stats.failures) : 0;
      const throttled = now < waitUntil || (stats?.addressFailures ?? 0) >= MAX_FAILURES_PER_ADDRESS;
      return tx.signInAttempt.create({ data: { email, address: clientAddress, succeeded: false, throttled }, select: { id: true, throttled: true } });
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
  if (attempt.throttled) return null;

  const user = await getUserForSignIn(db, { email });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!ok || !user || user.disabledAt) return null;
  await db.signInAttempt.update({ where: { id: attempt.id }, data: { succeeded: true } });
  return user.id;
}
