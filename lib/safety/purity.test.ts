import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// ESLint keeps I/O and framework imports out of lib/safety (eslint.config.mjs, pure modules);
// this holds the same line without ESLint, and keeps out the clock and the environment, which
// no import rule sees: `asOf` is always an input, dates never instants.
const FORBIDDEN = [/\bDate\b/, /\bprocess\./, /\bIntl\b/, /toLocale\w*\(/, /\bMath\.random\b/, /\bperformance\b/];
const ALLOWED_IMPORT = /^@\/lib\/(validation|rules|schedule|safety)\//;

const sources = readdirSync(__dirname).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".bench.ts"));

describe("lib/safety is pure: no clock, no environment, no I/O, no framework", () => {
  it("has library sources to check", () => {
    expect(sources).toEqual(expect.arrayContaining(["evaluate-triggers.ts", "safety-events.ts"]));
  });

  it.each(sources)("%s", (file) => {
    const source = readFileSync(path.join(__dirname, file), "utf8");
    // Comments may talk about dates; only code counts.
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    for (const pattern of FORBIDDEN) expect(code, `${file} matches ${pattern}`).not.toMatch(pattern);
    for (const [, specifier] of code.matchAll(/\bfrom\s+"([^"]+)"/g)) expect(specifier, `${file} imports ${specifier}`).toMatch(ALLOWED_IMPORT);
    expect(code, `${file} imports dynamically or requires`).not.toMatch(/\bimport\(|\brequire\(/);
  });
});
