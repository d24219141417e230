import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

/** `YYYY-MM-DD` + 3 calendar months, the month's last day where the day does not exist (written out, not the app's code). */
function plusThreeMonths(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + 3;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/**
 * Issue #13's journey: the investigator of SH-01 records a month-6 integration-site result with
 * a dominant clone; the escalation shows its deadline and the guideline's action with its
 * clause, and the confirmatory retest appears on the timeline; the monitor sees the same
 * escalation and cannot resolve it.
 */
test("investigator: month-6 integration-site result with a dominant clone → escalation with deadline and retest; monitor sees it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await login(page, "investigator");
  await page.goto("/subjects?code=SH01-010");
  await page.getByRole("link", { name: "SH01-010", exact: true }).click();
  await expect(page.getByTestId("subject-page")).toBeVisible();
  const subjectUrl = page.url();
  await expect(page.getByTestId("escalations")).toHaveCount(0);

  // The month-6 visit was recorded: its date is the collection date.
  const m06 = page.getByTestId("visit-M06");
  const drawn = (await m06.getByRole("link").first().innerText()).trim();
  expect(drawn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  await page.locator("summary", { hasText: "Record a sample result" }).click();
  const form = page.getByRole("form", { name: "Record a sample result" });
  await form.getByLabel("Kind").selectOption("integration_site_analysis");
  await form.getByLabel("Collection date").fill(drawn);
  await form.getByLabel("Assay").fill("LAM-PCR + NGS");
  await form.getByLabel("Value").fill("0.8");
  await form.getByLabel("Unit").fill("copies/cell");
  await form.getByLabel("Dominant clone").check();
  await form.getByLabel("Largest clone (%)").fill("31.5");
  await form.getByLabel("Drawn at visit").selectOption({ label: `M06 · ${drawn}` });
  await form.getByRole("button", { name: "Record a sample result" }).click();
  await expect(form.getByRole("status")).toContainText("1 escalation(s) opened");

  const due = plusThreeMonths(drawn);
  const escalation = page.getByTestId("escalation").filter({ hasText: "Dominant clone or monoclonal growth" });
  await expect(escalation).toHaveCount(1);
  await expect(escalation.getByTestId("escalation-due")).toHaveText(due);
  await expect(escalation.getByTestId("escalation-action")).toHaveText("Confirm by retest within 3 months and analyse integration sites as soon as possible (CDE §2.4.1)");
  await expect(escalation.getByRole("form", { name: "Resolve" })).toBeVisible();

  // The confirmatory retest is on the timeline, due on the escalation's deadline.
  const retest = page.getByTestId(`visit-RT-${due.replaceAll("-", "")}`);
  await expect(retest).toBeVisible();
  await expect(retest).toContainText("Escalation");
  await expect(retest).toContainText(due);
  // And the result itself, at its date.
  await expect(page.getByTestId("timeline-sample_result").filter({ hasText: "Integration-site analysis" })).toContainText("Dominant clone");

  // The monitor sees the same escalation, and no way to resolve it.
  const monitorContext = await browser.newContext();
  const monitorPage = await monitorContext.newPage();
  await login(monitorPage, "monitor");
  await monitorPage.goto(subjectUrl);
  const seen = monitorPage.getByTestId("escalation").filter({ hasText: "Dominant clone or monoclonal growth" });
  await expect(seen).toHaveCount(1);
  await expect(seen.getByTestId("escalation-due")).toHaveText(due);
  await expect(seen.getByRole("form", { name: "Resolve" })).toHaveCount(0);
  await expect(monitorPage.locator("summary", { hasText: "Record a sample result" })).toHaveCount(0);
  await monitorContext.close();
});
