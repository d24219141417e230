import { disconnectDb, getDb } from "@/lib/db/client";
import { runSafetySweep } from "@/lib/safety-records/sweep";
import { todayCalendarDate } from "@/lib/subjects/today";
import { ZClinicalDate } from "@/lib/validation/calendar-date";

/**
 * npm run safety-sweep [-- --as-of YYYY-MM-DD]
 * The daily safety sweep (the server also runs it at start and every 24 hours): re-evaluates the
 * guideline's triggers of subjects whose schedule moves with the date. Uses DATABASE_URL.
 */
async function main() {
  const index = process.argv.indexOf("--as-of");
  const asOf = index >= 0 ? ZClinicalDate.parse(process.argv[index + 1]) : todayCalendarDate();
  const { subjects, opened } = await runSafetySweep(getDb(), { asOf });
  process.stdout.write(`safety sweep at ${asOf}: ${subjects} subjects evaluated, ${opened} escalations opened\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(disconnectDb);
