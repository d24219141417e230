import type { Failure } from "@/lib/auth/failure";

/**
 * What a form shows after a submission: nothing yet, the saved result, a refusal, or an
 * unreachable server. `submission` counts submissions, so that the summary is announced once
 * per submit. The same value comes back from a submission made without JavaScript (the page
 * is rendered with it), so it is plain data.
 */
export type FormState<R> =
  | { phase: "idle"; submission: 0 }
  | { phase: "saved"; submission: number; data: R }
  | { phase: "refused"; submission: number; failure: Failure }
  | { phase: "unreachable"; submission: number };

export const IDLE: FormState<never> = { phase: "idle", submission: 0 };

/** The next submission's number; the previous state may come from the browser, so it is not trusted. */
export function nextSubmission(previous: unknown): number {
  const value = typeof previous === "object" && previous !== null ? (previous as { submission?: unknown }).submission : undefined;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value < 1_000_000 ? value + 1 : 1;
}
