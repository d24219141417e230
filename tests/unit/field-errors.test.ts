import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIELD_ERROR_MESSAGES_ZH_CN, translateFieldError } from "@/lib/i18n/field-errors";
import { ZCreateSite } from "@/lib/validation/site";

const validationDir = path.resolve(__dirname, "../../lib/validation");

/** Every literal message of the shared schemas (`error: "…"`, `message: "…"`, `requiredText(n, "…")`, `…_MESSAGE = "…"`). */
function schemaMessages(): string[] {
  const messages = new Set<string>();
  for (const file of readdirSync(validationDir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    for (const match of readFileSync(path.join(validationDir, file), "utf8").matchAll(/(?:error|message): "([^"]+)"|requiredText\(\d+, "([^"]+)"\)|_MESSAGE = "([^"]+)"/g)) {
      messages.add((match[1] ?? match[2] ?? match[3])!);
    }
  }
  return [...messages];
}

describe("form errors in the reader's language", () => {
  it("every literal message of the shared zod schemas has its Chinese text", () => {
    const messages = schemaMessages();
    expect(messages.length).toBeGreaterThan(20);
    expect(messages.filter((m) => !(m in FIELD_ERROR_MESSAGES_ZH_CN))).toEqual([]);
  });

  it("messages with values in them (lengths, date bounds) are translated by pattern", () => {
    expect(translateFieldError("zh-CN", "must be at most 300 characters")).toBe("最多 300 个字符");
    expect(translateFieldError("zh-CN", "must be between 1900-01-01 and 2200-12-31")).toBe("须在 1900-01-01 至 2200-12-31 之间");
  });

  it("a schema's message reaches a Chinese form translated and an English one (and the API) as written", () => {
    const parsed = ZCreateSite.safeParse({ code: "bad code!", name: "X", country: "China" });
    const message = parsed.error!.issues[0]!.message;
    expect(translateFieldError("zh-CN", message)).toBe("只能包含字母、数字、- 和 _");
    expect(translateFieldError("en", message)).toBe(message);
    expect(translateFieldError("zh-CN", "Invalid input: expected string")).toBe("Invalid input: expected string");
  });
});
