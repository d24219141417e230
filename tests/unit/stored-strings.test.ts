import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUnstorableString, requiredText, storableText, trimmedText } from "@/lib/validation/text";

const validationDir = path.resolve(__dirname, "../../lib/validation");

describe("every string a shared schema accepts is storable and bounded", () => {
  it("no schema in lib/validation builds a bare z.string() (text.ts helpers refuse NUL / lone surrogates and bound the length)", () => {
    const offenders: string[] = [];
    for (const file of readdirSync(validationDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "text.ts")) {
      readFileSync(path.join(validationDir, file), "utf8")
        .split("\n")
        .forEach((line, index) => {
          // Calendar dates are strings of a fixed shape: parseCalendarDate refuses anything else.
          if (/z\.string\(\)/.test(line) && !/parseCalendarDate/.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it.each(["a\u0000b", "\ud800", "x\udc00", "\udbff"])("refuses %j in every helper", (value) => {
    for (const schema of [storableText(10), trimmedText(10), requiredText(10)]) {
      const result = schema.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0]!.message).toBe("must not contain a NUL character or an unpaired surrogate");
    }
  });

  it("accepts paired surrogates (emoji) and CJK text", () => {
    expect(requiredText(10).parse(" 研究😀 ")).toBe("研究😀");
  });

  it("bounds the length after trimming", () => {
    expect(requiredText(3).safeParse("  abc  ").success).toBe(true);
    expect(requiredText(3).safeParse("abcd").error!.issues[0]!.message).toBe("must be at most 3 characters");
  });

  it("findUnstorableString names the path of the first unstorable value or key", () => {
    expect(findUnstorableString({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", 1, "c"]);
    expect(findUnstorableString({ ["k\ud800"]: 1 })).toEqual(["k\ud800"]);
    expect(findUnstorableString({ a: ["😀", 1, null, true] })).toBeNull();
  });
});
