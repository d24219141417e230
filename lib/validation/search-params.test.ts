import { describe, expect, it } from "vitest";
import { translateFieldError } from "@/lib/i18n/field-errors";
import { ZDashboardParams } from "@/lib/validation/dashboard";
import { parseSearchParams } from "@/lib/validation/search-params";
import { ZSubjectListParams } from "@/lib/validation/subject-list";

describe("a page's search parameters, each parsed on its own", () => {
  it("keeps the good ones and names the bad ones", () => {
    const { params, refused } = parseSearchParams(ZSubjectListParams, { study: "st1", site: ["si1", "si2"], status: "asleep", code: " 004 ", page: "0" });
    expect(params).toEqual({ study: "st1", site: "si1", code: "004" });
    expect(refused.map((r) => r.field)).toEqual(["status", "page"]);
  });

  it("refuses every bad value with a message the Chinese page can say (not zod's English)", () => {
    const bad = [
      parseSearchParams(ZSubjectListParams, { status: "asleep", page: "abc" }),
      parseSearchParams(ZSubjectListParams, { page: "0" }),
      parseSearchParams(ZSubjectListParams, { page: "100001" }),
      parseSearchParams(ZSubjectListParams, { page: "1.5" }),
      parseSearchParams(ZDashboardParams, { list: "nonsense", sort: "x", dir: "up", minDays: "-1", page: "-3" }),
    ].flatMap((r) => r.refused);
    expect(bad.map((r) => r.field)).toEqual(["status", "page", "page", "page", "page", "list", "minDays", "sort", "dir", "page"]);
    for (const { field, message } of bad) {
      const zh = translateFieldError("zh-CN", message);
      // Translated, and no English left but the parameter values themselves (asc, desc).
      expect(zh, `${field}: ${message}`).not.toBe(message);
      expect(zh.replace(/asc|desc/g, ""), `${field}: ${message}`).not.toMatch(/[A-Za-z]/);
    }
    expect(translateFieldError("zh-CN", "expected a page number from 1")).toBe("须为从 1 开始的页码");
    expect(translateFieldError("zh-CN", "expected a whole number from 0")).toBe("须为不小于 0 的整数");
  });
});
