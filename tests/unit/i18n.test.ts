import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator, localeFromAcceptLanguage } from "@/lib/i18n/translate";

describe("message catalogs", () => {
  it("zh-CN has exactly the English keys, each translated", () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zhCN[key].trim(), key).not.toBe("");
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(zhCN[key]), `${key} placeholders`).toEqual(placeholders(en[key]));
    }
  });

  it("uses the guideline's Chinese terms", () => {
    expect(zhCN["app.tagline"]).toContain("长期随访");
    expect(zhCN["nav.audit"]).toBe("稽查轨迹");
  });

  it("interpolates placeholders", () => {
    const t = createTranslator(en);
    expect(t("shell.signedInAs", { email: "a@b.c", role: "Monitor" })).toBe("Signed in as a@b.c (Monitor)");
  });

  it("defaults to Chinese only when the browser prefers it", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
});
