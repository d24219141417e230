import type { Permission } from "@/lib/auth/permissions";

/**
 * Marks every function produced by the action and route wrappers with the permission it
 * checks (or "public" for the few that need no sign-in). The guard test walks every
 * server action and route handler and fails on any export without this mark.
 */
export const GUARD = Symbol.for("ltfu.guard");
export type GuardMark = Permission | "public" | "authenticated";

export function markGuarded<T extends object>(fn: T, mark: GuardMark): T {
  Object.defineProperty(fn, GUARD, { value: mark, enumerable: false });
  return fn;
}

export function guardOf(fn: unknown): GuardMark | undefined {
  return typeof fn === "function" ? (fn as unknown as Record<symbol, GuardMark | undefined>)[GUARD] : undefined;
}
