import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// ESLint keeps I/O and framework imports out of lib/schedule; this keeps out the clock and
// the environment, which no import rule sees: `asOf` is always an input, dates never instants.
const FORBIDDEN = [/\bDate\b/, /\bprocess\./, /\bIntl\b/, /toLocale\w*\(/, /\bMath\.random\b/, /\bperformance\b/];

const sources = readdirSync(__dirname).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".bench.ts"));

describe("lib/schedule reads no clock and no environment", () => {
  it("has library sources to check", () => {
    expect(sources).toContain("build-schedule.ts");
  });

  it.each(sources)("%s", (file) => {
    // Comments may talk about dates; only code counts.
    const code = readFileSync(path.join(__dirname, file), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, "");
    for (const pattern of FORBIDDEN) expect(code, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
});
