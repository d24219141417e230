import { todayCalendarDate } from "@/lib/subjects/today";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How the server log line of a finished sweep starts. */
export const SWEEP_DONE = "safety sweep done";

/**
 * Run the safety sweep shortly after the server starts and then daily; a failure is logged, never
 * fatal. The sweep (server-only services) is loaded when it first runs, not at registration.
 */
export function scheduleSafetySweep(): void {
  const run = () => {
    void (async () => {
      const [{ getDb }, { runSafetySweep }] = await Promise.all([import("@/lib/db/client"), import("@/lib/safety-records/sweep")]);
      const asOf = todayCalendarDate();
      const started = performance.now();
      const { subjects, opened, chunks } = await runSafetySweep(getDb(), { asOf });
      // One line per run in the server log (the benchmark waits for it before measuring).
      process.stdout.write(`${SWEEP_DONE} at ${asOf}: ${subjects} subjects in ${chunks} chunks, ${opened} escalations opened, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    })().catch((error: unknown) => {
      process.stderr.write(`safety sweep failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  };
  setTimeout(run, 5_000).unref();
  setInterval(run, DAY_MS).unref();
}
