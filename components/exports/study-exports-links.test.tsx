import { cleanup, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { StudyExportsLinks } from "@/components/exports/study-exports-links";
import { exportOperations } from "@/lib/api/operations-exports";
import { messagesFor } from "@/lib/i18n/catalogs";
import { createTranslator } from "@/lib/i18n/translate";

afterEach(cleanup);

const sites = [
  { id: "site-sh", code: "SH-01", name: "上海瑞金医院" },
  { id: "site-bj", code: "BJ-02", name: "Peking Union" },
];

/**
 * Issue #15: every export is reachable from the study page. Each operation of the OpenAPI
 * document's export list must have its link: the files by their API path, the calendar once per
 * site, the DSUR through its printable page (which offers the CSV), the feed tokens through settings.
 */
describe("study page: a link to every export of the OpenAPI document", () => {
  it("links every export operation", () => {
    const { container } = render(<StudyExportsLinks studyId="st1" sites={sites} t={createTranslator(messagesFor("en"))} />);
    const hrefs = [...container.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    const expected = exportOperations.flatMap((operation) => {
      if (operation.path.endsWith("/reports/dsur")) return ["/studies/st1/reports/dsur"];
      if (operation.path === "/api/v1/calendar-feed-tokens") return ["/settings#calendar-feeds"];
      if (operation.path.includes("{siteId}")) return sites.map((site) => operation.path.replace("{siteId}", site.id));
      return [operation.path.replace("{studyId}", "st1")];
    });
    expect(expected.length).toBeGreaterThanOrEqual(9);
    for (const href of expected) expect(hrefs, href).toContain(href);
  });

  it("names them in Chinese for a Chinese reader", () => {
    const { getByText } = render(<StudyExportsLinks studyId="st1" sites={sites} t={createTranslator(messagesFor("zh-CN"))} />);
    expect(getByText("研发期间安全性更新报告（DSUR）：长期随访部分")).toBeTruthy();
    expect(getByText("SH-01 上海瑞金医院 的日历")).toBeTruthy();
    expect(getByText("供日历应用订阅的链接（设置）")).toBeTruthy();
  });
});
