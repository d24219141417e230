import { todayCalendarDate } from "@/lib/subjects/today";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Run the safety sweep shortly after the server starts and then daily; a failure is logged, never
 * fatal. The sweep (server-only services) is loaded when it first runs, not at registration.
 */
export function scheduleSafetySweep(): void {
  const run = () => {
    void (async () => {
      const [{ getDb }, { runSafetySweep }] = await Promise.all([import("@/lib/db/client"), import("@/lib/safety-records/sweep")]);
      await runSafetySweep(getDb(), { asOf: todayCalendarDate() });
    })().catch((error: unknown) => {
      process.stderr.write(`safety sweep failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  };
  setTimeout(run, 5_000).unref();
  setInterval(run, DAY_MS).unref();
}
