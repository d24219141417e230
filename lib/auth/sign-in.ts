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

  const attempt = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`sign-in:email:${email}`}))) AS a`;
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`sign-in:address:${clientAddress}`}))) AS a`;
    const now = Date.now();
    const lastSuccess = await tx.signInAttempt.findFirst({ where: { email, succeeded: true }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const windowStart = new Date(Math.max(now - THROTTLE_WINDOW_MS, lastSuccess ? lastSuccess.createdAt.getTime() + 1 : 0));
    const [failures, lastFailure, addressFailures] = await Promise.all([
      tx.signInAttempt.count({ where: { email, succeeded: false, throttled: false, createdAt: { gte: windowStart } } }),
      tx.signInAttempt.findFirst({ where: { email, succeeded: false, throttled: false, createdAt: { gte: windowStart } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
      tx.signInAttempt.count({ where: { address: clientAddress, succeeded: false, throttled: false, createdAt: { gte: new Date(now - ADDRESS_WINDOW_MS) } } }),
    ]);
    const waitUntil = lastFailure ? lastFailure.createdAt.getTime() + backoffMs(failures) : 0;
    const throttled = now < waitUntil || addressFailures >= MAX_FAILURES_PER_ADDRESS;
    return tx.signInAttempt.create({ data: { email, address: clientAddress, succeeded: false, throttled }, select: { id: true, throttled: true } });
  });
  if (attempt.throttled) return null;

  const user = await getUserForSignIn(db, { email });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!ok || !user || user.disabledAt) return null;
  await db.signInAttempt.update({ where: { id: attempt.id }, data: { succeeded: true } });
  return user.id;
}
