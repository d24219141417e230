import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder } from "@/tests/source-files";

/**
 * Weight (issue 17): a client component that imports a zod schema module ships zod (~30 kB
 * gzipped) with its page. Client components import coded values from the zod-free
 * `lib/validation/*-values.ts` files and schemas' types only (`import type`); the subject page
 * carried 44 kB of ours before the safety forms did.
 */
const root = path.resolve(__dirname, "../..");
const ALLOWED = new Set(["@/lib/validation/form-data", "@/lib/validation/calendar-date-values"]);

const clientFiles = filesUnder(path.join(root, "components")).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

describe("client components do not ship the schemas", () => {
  it("finds the client components", () => expect(clientFiles.length).toBeGreaterThan(10));
  it.each(clientFiles.map((f) => [path.relative(root, f), f]))("%s imports values, not schemas, from lib/validation", (_name, file) => {
    const source = readFileSync(file, "utf8");
    const valueImports = [...source.matchAll(/^import\s+(?!type\b)([^;]*?)\s+from\s+"(@\/lib\/validation\/[\w-]+)"/gm)]
      .filter(([, clause]) => !/^\{\s*(type\s+\w+\s*,?\s*)+\}$/.test(clause!.trim()))
      .map(([, , module]) => module!)
      .filter((module) => !module.endsWith("-values") && !ALLOWED.has(module));
    expect(valueImports).toEqual([]);
  });
});
