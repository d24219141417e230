import path from "node:path";
import { describe, expect, it } from "vitest";
import { messagesFor } from "@/lib/i18n/catalogs";
import { pageTitleKey } from "@/lib/i18n/page-titles";
import { filesUnder } from "@/tests/source-files";

const appDir = path.resolve(__dirname, "../../app");


/** A path the page answers: route groups dropped, `[version]` a number, other parameters an id. */
function samplePath(file: string): string {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => s !== "" && !/^\(.*\)$/.test(s));
  return `/${segments.map((s) => (s === "[version]" ? "2" : s.startsWith("[") ? "cmx0abc123" : s)).join("/")}`;
}

describe("every page has its own document title (WCAG 2.4.2)", () => {
  const files = filesUnder(appDir).filter((f) => path.basename(f) === "page.tsx").filter((f) => samplePath(f) !== "/"); // the home page only redirects by role
  it("finds the pages", () => expect(files.length).toBeGreaterThan(20));
  it.each(files.map((f) => [samplePath(f)]))("%s", (pathname) => {
    const key = pageTitleKey(pathname);
    expect(key, `${pathname} has no title in lib/i18n/page-titles.ts`).not.toBeNull();
    for (const locale of ["en", "zh-CN"] as const) expect(messagesFor(locale)[key!], `${key} in ${locale}`).toMatch(/\S/);
  });
  it("tells a list from its records and a trailing slash from none; an unknown address has none", () => {
    expect(pageTitleKey("/subjects")).toBe("subjects.title");
    expect(pageTitleKey("/subjects/new")).toBe("subjects.enrol");
    expect(pageTitleKey("/subjects/abc/")).toBe("audit.entity.Subject");
    expect(pageTitleKey("/subjects/abc/visits/new")).toBe("pageTitle.recordVisit");
    expect(pageTitleKey("/nowhere")).toBeNull();
  });
});
