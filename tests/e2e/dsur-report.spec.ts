import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { login } from "./fixtures";

const SECTIONS = [
  "Subjects",
  "Visits",
  "Adverse events and serious adverse events by category",
  "Malignancies",
  "Escalations opened, by trigger",
  "Plan and consent amendments",
];

/**
 * Issue #15: the DSUR's LTFU section of the demo study, reached from the study page, printed to
 * PDF by Chromium (A4): every section heading is there, each on a page of its own, every page
 * names the study and the period, and the counted sections show the cumulative column.
 */
test("monitor: study page → DSUR section for a period → printed A4 PDF with every section", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "monitor");
  await page.goto("/studies");
  await page.getByRole("link", { name: /CART19-LTFU-01|15-year follow-up of CD19 CAR-T recipients/ }).first().click();
  await expect(page).toHaveURL(/\/studies\/[a-z0-9]+$/);
  await page.getByRole("link", { name: "DSUR: long-term follow-up section" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "DSUR: long-term follow-up section" })).toBeVisible();

  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2025-12-31");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2025-12-31/);
  const period = "Reporting period 2020-01-01 to 2025-12-31";
  await expect(page.getByTestId("dsur-study-period")).toContainText(period);
  for (const heading of SECTIONS) await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  await expect(page.getByRole("row", { name: /In long-term follow-up during the period/ })).toBeVisible();
  // Period and cumulative figures side by side (a DSUR states both).
  const cumulative = "Cumulative to 2025-12-31";
  await expect(page.getByRole("columnheader", { name: cumulative }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: /In long-term follow-up at the end of the period/ })).toBeVisible();

  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: false });
  expect(totalPages).toBeGreaterThanOrEqual(SECTIONS.length);
  const pages = (text as string[]).map((pageText) => pageText.replace(/\s+/g, " "));
  const all = pages.join("\n");
  for (const heading of SECTIONS) expect(all).toContain(heading);
  // One section per page: no page holds two section headings.
  for (const pageText of pages) expect(SECTIONS.filter((heading) => new RegExp(`(^| )${heading.replace(/[().,]/g, "\\$&")}( |$)`).test(pageText)).length).toBeLessThanOrEqual(1);
  // The study and the period on every page (the running header repeats in print).
  for (const [index, pageText] of pages.entries()) {
    expect(pageText, `page ${index + 1}`).toContain("CART19-LTFU-01");
    expect(pageText, `page ${index + 1}`).toContain(period);
  }
  // Every counted section prints its cumulative column on its page (amendments are listed, not counted).
  for (const heading of SECTIONS.slice(0, 5)) {
    const sectionPage = pages.find((pageText) => pageText.includes(heading));
    expect(sectionPage, heading).toContain(cumulative);
  }
  expect(all).toContain("In long-term follow-up at the end of the period");
  // The site's navigation is not printed.
  expect(all).not.toContain("Sign out");
});
