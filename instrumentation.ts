/**
 * Runs once when the server starts (Next.js instrumentation): a misconfigured environment
 * stops the server with the variable named, instead of failing at the first request.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { serverEnv } = await import("@/lib/env");
  try {
    serverEnv();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // The daily safety sweep (CLINICAL-API-CONTRACT "Safety"): at start, then every 24 hours.
  const { scheduleSafetySweep } = await import("@/lib/safety-records/sweep-timer");
  scheduleSafetySweep();
}
