import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, login } from "./fixtures";

/** The server's calendar date shifted by whole months (the browser runs on the same machine). */
function monthsAgo(months: number): string {
  const now = new Date();
  const target = new Date(now.getFullYear(), now.getMonth() - months, 1);
  const lastDay = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(now.getDate(), lastDay));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}`;
}

test("an investigator enrols a subject, records and signs the month-6 visit, sees it completed on the timeline; another site's investigator is refused the subject", async ({ page }) => {
  const code = `E2E-${Date.now().toString(36)}`;
  const today = monthsAgo(0);
  await login(page, "investigator");
  // The worklist of the demo program: overdue visits exist at SH-01.
  await expect(page.getByRole("heading", { name: /Overdue visits/ })).toBeVisible();
  await expect(page.getByTestId("worklist-overdue").getByRole("link", { name: "Record" }).first()).toBeVisible();
  // A visit the schedule added (the extension after vector persisted at the period's end) is named
  // in words and recorded from the list like a planned one.
  const extension = page.getByTestId("worklist-overdue").locator("tbody tr").filter({ hasText: "EXT-M72" });
  await expect(extension).toContainText("Extension");
  await extension.getByRole("link", { name: "Record" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("EXT-M72");
  await page.goBack();

  await page.getByRole("link", { name: "Enrol a subject" }).first().click();
  await expect(page).toHaveURL(/\/subjects\/new$/);
  await page.getByLabel("Subject code").fill(code);
  await page.getByLabel("Product lot").fill("LV-2026-555");
  await page.getByLabel("Dosing date (day 0)").fill(monthsAgo(6));
  await page.getByLabel("Year of birth").fill("1975");
  await page.getByLabel("Consent date").fill(monthsAgo(6));
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Subject ${code}`);
  await expect(page).toHaveURL(/\/subjects\/(?!new$)[a-z0-9]+$/);
  const subjectUrl = new URL(page.url()).pathname;
  const m06 = page.getByTestId("visit-M06");
  await expect(m06).toContainText("In window");
  await expect(m06).toContainText("Next visit");
  await expect(page.getByTestId("visit-M180")).toBeVisible();

  await m06.getByRole("link", { name: "Record" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("M06");
  await page.getByLabel("Visit date").fill(today);
  // Nothing of the §2.3.2 checklist is pre-answered: saving names each unanswered item, focus on the first.
  await page.getByRole("button", { name: "Save record" }).click();
  const history = page.getByRole("group", { name: "Brief medical history taken" });
  await expect(history).toHaveAttribute("data-invalid", "true");
  await expect(history).toBeFocused();
  await expect(history).toContainText("answer yes or no");
  await expect(page.locator("#visit-drug-exposure")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("group", { name: "Laboratory tests done" })).toContainText("answer yes or no");
  await expect(page.getByLabel("Pregnancy and fertility (subject and partner)")).toHaveAttribute("aria-invalid", "true");
  await history.getByLabel("Yes").check();
  await page.locator("#visit-drug-exposure").fill("none");
  await page.getByRole("group", { name: "Physical examination done" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Laboratory tests done" }).getByLabel("No").check();
  await page.getByLabel("Pregnancy and fertility (subject and partner)").selectOption("not_applicable");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page.getByTestId("visit-record")).toBeVisible();
  await expect(page.getByTestId("signature")).toContainText("Not signed yet.");

  // 21 CFR 11.200: a wrong password signs nothing; the right one signs with name, time and meaning.
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.locator("#sign-password-error")).toContainText("password is not correct");
  await expect(page.getByTestId("signature")).toContainText("Not signed yet.");
  // The select says what it asks: the meaning of the signature (21 CFR 11.50), not "Electronic signature".
  await expect(page.getByLabel("Meaning of the signature")).toHaveValue("reviewed_and_approved");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByTestId("signature")).toContainText("Signed by Demo Investigator (investigator@demo.test)");
  await expect(page.getByTestId("signature")).toContainText("Reviewed and approved");

  await page.getByRole("link", { name: /Back to the timeline/ }).click();
  await expect(page).toHaveURL(new RegExp(`${subjectUrl}$`));
  await expect(m06).toContainText("Completed");
  await expect(m06).toContainText("Signed: Demo Investigator");
  // The demo amendment (plan version 2) added a month-9 visit: it is next.
  await expect(page.getByTestId("visit-M09")).toContainText("Next visit");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, "investigator2");
  const response = await page.goto(subjectUrl);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(code)).toHaveCount(0);
  const api = await page.request.get(`/api/v1${subjectUrl}`);
  expect(api.status()).toBe(404);
});

test("the subject timeline marks where an amendment's plan version takes over", async ({ page }) => {
  await login(page, "investigator");
  await page.goto("/subjects?code=SH01-020");
  await page.getByRole("link", { name: "SH01-020" }).click();
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("plan-version-marker").first()).toContainText("plan version 2");
});

test("the monitor reads overdue visits across the study and may not record", async ({ page }) => {
  await login(page, "monitor");
  await expect(page.getByTestId("monitor-overdue")).toBeVisible();
  await expect(page.getByTestId("monitor-overdue").getByRole("link", { name: "Record" })).toHaveCount(0);
  const response = await page.goto("/subjects/new");
  expect(response?.status()).toBe(403);
});

test("the worklist is paged on the server: each section has its own page, a page past the end links back, a bad page number is named", async ({ page }) => {
  await login(page, "investigator");
  const heading = await page.getByRole("heading", { name: /Overdue visits/ }).textContent();
  const total = Number(/\((\d+)\)/.exec(heading ?? "")?.[1]);
  expect(total).toBeGreaterThan(0);
  // 50 rows a section a page: the first page holds min(total, 50) overdue visits.
  await expect(page.getByTestId("worklist-overdue").locator("tbody tr")).toHaveCount(Math.min(total, 50));
  const pages = Math.max(1, Math.ceil(total / 50));
  await page.goto(`/investigator?overdue=${pages + 1}`);
  // Past the end: no rows, the total kept, a link back to the previous page.
  await expect(page.getByRole("heading", { name: new RegExp(`Overdue visits \\(${total}\\)`) })).toBeVisible();
  await expect(page.getByTestId("worklist-overdue-pages")).toContainText(`Page ${pages + 1} of ${pages}`);
  await page.getByTestId("worklist-overdue-pages").getByRole("link", { name: "Previous page" }).click();
  await expect(page).toHaveURL(pages > 1 ? new RegExp(`overdue=${pages}#wl-overdue$`) : /\/investigator#wl-overdue$/);
  await expect(page.getByTestId("worklist-overdue").locator("tbody tr").first()).toBeVisible();
  await page.goto("/investigator?overdue=abc");
  await expect(page.getByRole("alert").filter({ hasText: "overdue: expected a page number from 1" })).toBeVisible();
  await expect(page.getByTestId("worklist-overdue").locator("tbody tr")).toHaveCount(Math.min(total, 50));
  // In Chinese the refusal is Chinese too (the parameter keeps its name).
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByTestId("bad-params")).toHaveText("overdue: 须为从 1 开始的页码");
  await page.goto("/dashboard?asOf=2026-13-45");
  await expect(page.getByTestId("bad-params")).toHaveText("asOf: 须为存在的日期（YYYY-MM-DD）");
  await page.getByTestId("locale-switch").selectOption("en");
});

test("a page view sends no prefetch requests: links navigate on click only (every page is dynamic; a prefetch per link in view cost more than the page)", async ({ page }) => {
  await login(page, "investigator");
  const prefetches: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetches.push(request.url());
  });
  for (const path of ["/investigator", "/subjects", "/dashboard"]) {
    await page.goto(path);
    await page.mouse.wheel(0, 4000);
    await page.waitForTimeout(1500);
  }
  expect(prefetches).toEqual([]);
  // A link still navigates on the client: the worklist's first subject opens without a full page load.
  await page.goto("/investigator");
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await Promise.all([page.waitForURL(/\/subjects\/(?!new)[a-z0-9]+$/), page.getByTestId("worklist-overdue").getByRole("link").first().click()]);
  await expect(page.getByTestId("subject-page")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});
