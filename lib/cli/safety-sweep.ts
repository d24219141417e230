import { disconnectDb, getDb } from "@/lib/db/client";
import { runSafetySweep, SWEEP_CHUNK } from "@/lib/safety-records/sweep";
import { todayCalendarDate } from "@/lib/subjects/today";
import { ZClinicalDate } from "@/lib/validation/calendar-date";

/**
 * npm run safety-sweep [-- --as-of YYYY-MM-DD]
 * The daily safety sweep (the server also runs it at start and every 24 hours): re-evaluates the
 * guideline's triggers of subjects whose schedule moves with the date, a chunk of subjects per
 * transaction (lib/safety-records/sweep.ts). Uses DATABASE_URL.
 */
async function main() {
  const index = process.argv.indexOf("--as-of");
  const asOf = index >= 0 ? ZClinicalDate.parse(process.argv[index + 1]) : todayCalendarDate();
  const started = performance.now();
  const { subjects, opened, chunks } = await runSafetySweep(getDb(), { asOf });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`safety sweep at ${asOf}: ${subjects} subjects evaluated in ${chunks} chunks of up to ${SWEEP_CHUNK}, ${opened} escalations opened, ${seconds} s\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(disconnectDb);
