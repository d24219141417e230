import { z } from "zod";

/** `--subjects N` of `seed:large` and `bench`: a whole number from 1 to 1,000,000. */
export const ZLargeOptions = z.object({
  subjects: z.coerce.number({ message: "subjects: must be a number" }).int("subjects: must be a whole number").min(1, "subjects: at least 1").max(1_000_000, "subjects: at most 1,000,000"),
});

export type TLargeOptions = z.infer<typeof ZLargeOptions>;

/** Parse `--subjects N` / `--subjects=N` (default `fallback`); throws with a message naming the field. */
export function parseLargeOptions(argv: string[], fallback: number): TLargeOptions {
  let subjects: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--subjects") subjects = argv[++i];
    else if (arg.startsWith("--subjects=")) subjects = arg.slice("--subjects=".length);
    else throw new Error(`unknown argument ${arg} (usage: --subjects N)`);
  }
  const parsed = ZLargeOptions.safeParse({ subjects: subjects ?? fallback });
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  return parsed.data;
}
