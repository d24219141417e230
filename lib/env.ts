import { z } from "zod";

/**
 * Server environment, validated on first use so a misconfiguration names its variable
 * instead of failing somewhere deep. `.env.example` lists every variable.
 */
const ZServerEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (npm start generates one)"),
  NEXTAUTH_URL: z.url().optional(),
  LTFU_DEMO_MODE: z.enum(["0", "1"]).default("0"),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1, "must be a whole number from 1 to 100").max(100, "must be a whole number from 1 to 100").optional(),
});
export type TServerEnv = z.infer<typeof ZServerEnv>;

let cached: TServerEnv | undefined;

export function serverEnv(): TServerEnv {
  if (cached) return cached;
  const parsed = ZServerEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
  }
  cached = parsed.data;
  return cached;
}

/** Demo mode: `npm start` on the embedded database. Only then are demo accounts shown. */
export function isDemoMode(): boolean {
  return process.env.LTFU_DEMO_MODE === "1";
}
