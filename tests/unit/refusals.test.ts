import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeFailure } from "@/lib/auth/failure";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { refusalMessage } from "@/lib/i18n/failure-message";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator } from "@/lib/i18n/translate";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The text of each `new AppError(…)` call, parentheses balanced. */
function appErrorCalls(source: string): string[] {
  const calls: string[] = [];
  let from = 0;
  for (;;) {
    const start = source.indexOf("new AppError(", from);
    if (start < 0) return calls;
    let depth = 0;
    let end = start + "new AppError".length;
    for (; end < source.length; end++) {
      if (source[end] === "(") depth++;
      if (source[end] === ")" && --depth === 0) break;
    }
    calls.push(source.slice(start, end + 1));
    from = end;
  }
}

const throws = ["lib", "app", "components"].flatMap((dir) => sourceFiles(path.join(root, dir))).flatMap((file) => appErrorCalls(readFileSync(file, "utf8")).map((call) => ({ file: path.relative(root, file), call })));

describe("server refusals in the reader's language", () => {
  it("every error code has its fallback message in both catalogs", () => {
    for (const code of [...Object.keys(ERROR_STATUS), "internal"]) {
      const key = `error.${code}` as keyof typeof en;
      expect(en[key], key).toBeTruthy();
      expect(zhCN[key], key).toBeTruthy();
      expect(zhCN[key]).not.toBe(en[key]);
    }
  });

  it("finds the throws it checks", () => {
    expect(throws.length).toBeGreaterThan(30);
  });

  it("every AppError thrown names a refusal key present in both catalogs", () => {
    for (const { file, call } of throws) {
      const keys = [...call.matchAll(/"(refusal\.\w+)"/g)].map((m) => m[1]!);
      expect(keys.length, `${file}: ${call.slice(0, 120)} has no refusal key`).toBeGreaterThan(0);
      for (const key of keys) {
        expect(en[key as keyof typeof en], `${file}: ${key} missing in en`).toBeTruthy();
        expect(zhCN[key as keyof typeof zhCN], `${file}: ${key} missing in zh-CN`).toBeTruthy();
      }
    }
  });

  it("renders a refusal with its parameters, codes translated, in Chinese", () => {
    const failure = describeFailure(
      new AppError("unprocessable", "checklist: …", "checklist", { key: "refusal.consentChecklistIncomplete", params: { clause: "CDE §2.3.1", items: ["purpose", "duration"] } }),
    );
    expect(failure).toMatchObject({ code: "unprocessable", field: "checklist", key: "refusal.consentChecklistIncomplete" });
    expect(refusalMessage(createTranslator(zhCN), failure)).toBe("激活前请确认 CDE §2.3.1 的每一项；缺少：长期随访研究的目的、持续时间。");
    expect(refusalMessage(createTranslator(en), { code: "not_found" })).toBe("This record does not exist, or you cannot see it.");
  });
});
