import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import { formatZodError } from "@/lib/validation/errors";

/**
 * Shared by the contract commands: read one JSON document from a path or `-` (stdin),
 * validate it with a zod schema and return the parsed value. On any failure, print a
 * message naming the field on stderr and exit 2 — never anything on stdout.
 */
export function readJsonInput<S extends z.ZodType>(schema: S, argv: string[] = process.argv.slice(2)): z.infer<S> {
  const source = argv[0];
  if (!source) fail("usage: pass a JSON file path, or - to read standard input");
  let text: string;
  try {
    // `npm run` changes the working directory to the project root; INIT_CWD is where the user ran it.
    text = source === "-" ? readFileSync(0, "utf8") : readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), source), "utf8");
  } catch (error) {
    fail(`cannot read ${source === "-" ? "standard input" : source}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    fail(`input is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) fail(`invalid input:\n${formatZodError(parsed.error)}`);
  return parsed.data;
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

/** Print one JSON object on stdout and exit 0. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
