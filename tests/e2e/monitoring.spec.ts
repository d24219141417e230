import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

test("the monitor follows overdue to a subject and raises a query on a visit; the investigator answers it on the worklist; the monitor closes it", async ({ page, browser }) => {
  const question = `E2E ${Date.now().toString(36)}: please confirm the visit against the source.`;
  await login(page, "monitor");

  // The dashboard: numbers from the database, each a link to its list.
  const overdue = page.getByTestId("dashboard-overdue");
  await expect(overdue).toBeVisible();
  expect(Number(await overdue.textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId("chart-retention")).toBeVisible();
  await expect(page.getByTestId("chart-on-time")).toBeVisible();
  await expect(page.getByTestId("chart-escalations")).toBeVisible();
  await overdue.click();
  await expect(page.getByTestId("dashboard-list")).toBeVisible();

  // Filter the list on the server to SH-01 (investigator@demo.test's site), most overdue first.
  await page.locator("#list-site").selectOption({ label: "SH-01" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/site=/);
  await page.getByRole("link", { name: "Sort by Days overdue" }).click();
  await expect(page).toHaveURL(/sort=daysOverdue.*dir=asc/);
  await page.getByRole("link", { name: "Sort by Days overdue" }).click();
  await expect(page).toHaveURL(/dir=desc/);
  const rows = page.getByTestId("dashboard-list-row");
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText("SH-01");
  const subjectCode = (await rows.first().getByRole("link").textContent())!.trim();
  await rows.first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(subjectCode);
  const subjectUrl = new URL(page.url()).pathname;

  // Raise a query on one of the subject's visits.
  const panel = page.getByTestId("subject-queries");
  const form = panel.getByTestId("raise-query-form");
  if (!(await form.isVisible())) await panel.locator("summary").click();
  const target = form.getByLabel("About");
  const visitOption = await target.locator("option").filter({ hasText: /^Visit: / }).first().getAttribute("value");
  await target.selectOption(visitOption!);
  await form.getByLabel("Question").fill(question);
  await form.getByRole("button", { name: "Raise a query" }).click();
  const query = panel.getByTestId("query").filter({ hasText: question });
  await expect(query).toBeVisible();
  await expect(query.getByTestId("query-status")).toHaveText("Open");
  await expect(query).toContainText("0 day(s) old");

  // The investigator of the site answers it from the worklist.
  const investigatorContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const investigatorPage = await investigatorContext.newPage();
  await login(investigatorPage, "investigator");
  const item = investigatorPage.getByTestId("worklist-query").filter({ hasText: question });
  await expect(item).toContainText(subjectCode);
  await item.getByLabel("Answer for the monitor").fill("Checked against the clinic log: the date is correct.");
  await item.getByRole("button", { name: "Answer" }).click();
  await expect(investigatorPage.getByTestId("worklist-query").filter({ hasText: question })).toHaveCount(0);
  await investigatorContext.close();

  // The monitor sees the answer and closes the query.
  await page.goto(subjectUrl);
  const answered = page.getByTestId("query").filter({ hasText: question });
  await expect(answered.getByTestId("query-status")).toHaveText("Answered");
  await expect(answered).toContainText("Checked against the clinic log");
  await answered.getByLabel("Note (optional)").fill("Verified.");
  await answered.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("query").filter({ hasText: question }).getByTestId("query-status")).toHaveText("Closed");
  await expect(page.getByTestId("query").filter({ hasText: question }).getByRole("button", { name: "Reopen" })).toBeVisible();
});

test("an investigator gets the dashboard for its own site only", async ({ page }) => {
  await login(page, "investigator2");
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard")).toBeVisible();
  await expect(page.getByTestId("dashboard-sites")).toContainText("BJ-02");
  await expect(page.getByTestId("dashboard-sites")).not.toContainText("SH-01");
  await page.getByTestId("dashboard-subjects-active").click();
  await expect(page.getByTestId("dashboard-list-row").first()).toContainText("BJ-02");
  await expect(page.getByTestId("dashboard-list")).not.toContainText("SH-01");
});
