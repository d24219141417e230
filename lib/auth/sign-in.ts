import "server-only";
import { getDb } from "@/lib/db/client";
import { getUserForSignIn } from "@/lib/db/users";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { ZSignIn } from "@/lib/validation/auth";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

/**
 * Check credentials. Returns the user id, or null for every failure alike (unknown e-mail,
 * wrong password, disabled account, throttled), so the sign-in page can only say one thing.
 * Malformed input is refused before anything is written.
 */
export async function authenticate(input: unknown, address: string): Promise<string | null> {
  const parsed = ZSignIn.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const [accountFailures, addressFailures] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    db.signInAttempt.count({ where: { address, succeeded: false, createdAt: { gte: since } } }),
  ]);
  let userId: string | null = null;
  if (accountFailures < MAX_FAILURES_PER_ACCOUNT && addressFailures < MAX_FAILURES_PER_ADDRESS) {
    const user = await getUserForSignIn(db, { email });
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
    if (ok && user && !user.disabledAt) userId = user.id;
  }
  await db.signInAttempt.create({ data: { email, address, succeeded: userId !== null } });
  return userId;
}
