import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A model's columns for a raw SELECT whose rows are that model's type, qualified by `alias`:
 * the names come from the generated client (`Prisma.<Model>ScalarFieldEnum`, or a `select`
 * object's `true` fields), never from input, so the list follows the schema. Raw reads on hot
 * pages cost about a fifth of the same Prisma call (decision 010, "Per-request cost"); the
 * driver adapter returns the same JavaScript values (Date, arrays, parsed JSON) as Prisma does,
 * which tests/integration/subject-reads.ts (run by the demo-seed integration test) holds for every raw read.
 */
export function modelColumns(fields: Readonly<Record<string, unknown>>, alias: string): Prisma.Sql {
  const names = Object.entries(fields)
    .filter(([, value]) => value === true || typeof value === "string")
    .map(([key, value]) => (typeof value === "string" ? value : key));
  return Prisma.raw(names.map((name) => `${alias}."${name}"`).join(", "));
}
