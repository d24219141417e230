/**
 * The benchmark's last line (issue #16): one JSON object with these keys, every one a finite
 * number. `npm test`'s bench stage checks it with `checkBenchOutput`.
 */
export const BENCH_KEYS = [
  "subjects",
  "visits",
  "dashboardP50Ms",
  "dashboardP95Ms",
  "floorP95Ms",
  "ratio",
  "worklistP95Ms",
  "amendmentSeconds",
  "concurrentP95Ms",
  "concurrentErrors",
] as const;

export type BenchResult = Record<(typeof BENCH_KEYS)[number], number>;

/**
 * The problems of a benchmark run's standard output for the smoke test: no JSON object on the
 * last non-empty line, a key missing, extra or not a finite number, `subjects` other than
 * expected, or errors under concurrent load. Empty when the run passes.
 */
export function checkBenchOutput(stdout: string, expectedSubjects: number): { problems: string[]; result?: BenchResult } {
  const last = stdout.trimEnd().split("\n").at(-1)?.trim() ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    return { problems: [`the last line is not JSON: ${JSON.stringify(last.slice(0, 200))}`] };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { problems: ["the last line is not a JSON object"] };
  const record = parsed as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of BENCH_KEYS) {
    const value = record[key];
    if (typeof value !== "number" || !Number.isFinite(value)) problems.push(`${key}: ${value === undefined ? "missing" : `not a finite number (${JSON.stringify(value)})`}`);
  }
  for (const key of Object.keys(record)) if (!(BENCH_KEYS as readonly string[]).includes(key)) problems.push(`${key}: not a key of the benchmark line`);
  if (problems.length > 0) return { problems };
  const result = record as BenchResult;
  if (result.subjects !== expectedSubjects) problems.push(`subjects: ${result.subjects}, expected ${expectedSubjects}`);
  if (result.visits <= 0) problems.push("visits: 0 scheduled visits measured");
  if (result.concurrentErrors > 0) problems.push(`concurrentErrors: ${result.concurrentErrors} requests failed under concurrent load`);
  return { problems, result };
}
