import pg from "pg";
import { openAppDatabase } from "@/lib/cli/app-database";
import { parseLargeOptions } from "@/lib/cli/large-options";
import { disconnectDb, getDb } from "@/lib/db/client";
import { seedLarge } from "@/prisma/seed-large";

/** `npm run seed:large -- --subjects N`: see prisma/seed-large.ts. */
const step = (message: string) => process.stdout.write(`▸ ${message}\n`);

async function main() {
  const options = parseLargeOptions(process.argv.slice(2), 100_000);
  const { ownerUrl, embedded } = await openAppDatabase(step);
  // The bulk rows go in as the owner, like a migration: the seed ends with ANALYZE, which only
  // the tables' owner may run (the services it calls for the configuration use the app role).
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const result = await seedLarge(getDb(), client, { subjects: options.subjects, log: step });
    const counts = (await client.query<{ visits: number; records: number }>(
      `SELECT (SELECT count(*) FROM "scheduled_visit" sv JOIN "subject" s ON s."id" = sv."subjectId" WHERE s."studyId" = $1)::int AS "visits",
              (SELECT count(*) FROM "visit_record" r JOIN "subject" s ON s."id" = r."subjectId" WHERE s."studyId" = $1)::int AS "records"`,
      [result.studyId],
    )).rows[0]!;
    step(`${result.added} subjects added in ${result.seconds.toFixed(1)} s; the program holds ${result.subjects} subjects, ${counts.visits} scheduled visits, ${counts.records} visit records`);
  } finally {
    await client.end();
    await disconnectDb();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:large failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
