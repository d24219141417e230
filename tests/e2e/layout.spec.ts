import { expect, test, type Locator, type Page } from "@playwright/test";
import { login } from "./fixtures";

/** The page itself never scrolls sideways: wide tables scroll inside their own box. */
async function expectNoPageOverflow(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} is wider than the window by ${overflow}px`).toBeLessThanOrEqual(1);
}

/** The height of a cell's content (not of its row): one line of text or one badge is under 30 px. */
async function contentHeight(cell: Locator): Promise<number> {
  return cell.evaluate((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return range.getBoundingClientRect().height;
  });
}

/** One page: its PageHeader's h1 is there, nothing overflows, no table header wraps into a column of characters. */
async function expectPageFits(page: Page, path: string, width: number) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoPageOverflow(page, `${path} at ${width}px`);
  // Headers are not squeezed into a column of single characters: each stays on one line.
  // (A header spanning two rows is two rows tall by design.)
  for (const header of await page.locator("main table thead th:not([rowspan='2'])").all()) {
    const box = await header.boundingBox();
    if (box && box.height > 0) expect(box.height, `${path}: header "${await header.textContent()}" wraps`).toBeLessThan(48);
  }
}

for (const width of [1366, 390]) {
  test(`in Chinese at ${width} px, the sponsor's pages fit the window and the risk-factor select is readable`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await login(page, "sponsor");
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "申办方工作台" })).toBeVisible();
    // The home's counts lead to the products and studies, not only to sites and users.
    await expect(page.getByTestId("home-sponsor").getByRole("link", { name: /^产品\s*\d+$/ })).toHaveAttribute("href", "/sponsor/products");
    await expect(page.getByTestId("home-sponsor").getByRole("link", { name: /^临床研究\s*\d+$/ })).toHaveAttribute("href", "/studies");
    for (const path of ["/sponsor", "/sponsor/products", "/sponsor/sites", "/sponsor/users", "/studies", "/audit", "/settings", "/sponsor/products/new"]) {
      await expectPageFits(page, path, width);
    }
    // The product editor: the assessment select shows its whole option, and the prefilled rationale is Chinese.
    const status = page.getByTestId("factor-genome_integration").locator("select");
    const box = await status.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(100);
    await expect(page.getByTestId("factor-genome_integration").locator("textarea")).toHaveValue(/^由产品特征推定：/);
    await page.getByTestId("locale-switch").selectOption("en");
  });
}

for (const width of [1366, 390]) {
  test(`in Chinese at ${width} px, the investigator's pages fit: worklist, subjects, enrolment, a subject with its safety sections, visit pages`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    await login(page, "investigator");
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByTestId("home-investigator")).toBeVisible();
    for (const path of ["/investigator", "/dashboard", "/subjects", "/subjects/new", "/settings"]) await expectPageFits(page, path, width);
    // The worklist scrolls sideways on a phone rather than breaking dates and windows into columns of digits.
    await page.goto("/investigator");
    const firstOverdue = page.getByTestId("worklist-overdue").locator("tbody tr").first();
    for (const column of [3, 4]) expect(await contentHeight(firstOverdue.locator("td").nth(column)), `worklist column ${column} wraps`).toBeLessThan(30);
    // A subject with records, an adverse event form, sample results and escalations (the safety sections).
    await page.goto("/subjects?code=SH01-010");
    await page.getByRole("link", { name: "SH01-010", exact: true }).click();
    await expect(page.getByTestId("subject-page")).toBeVisible();
    const subjectPath = new URL(page.url()).pathname;
    await expectPageFits(page, subjectPath, width);
    // The timeline keeps dates, windows and statuses on one line (the table scrolls on a phone).
    for (const column of [2, 3, 4]) expect(await contentHeight(page.getByTestId("visit-M06").locator("td").nth(column)), `timeline column ${column} wraps`).toBeLessThan(30);
    const recordHref = await page.getByTestId("visit-M06").getByRole("link").first().getAttribute("href");
    expect(recordHref).toMatch(/\/visits\//);
    await expectPageFits(page, recordHref!, width);
    await expectPageFits(page, `${subjectPath}/visits/new?unscheduled=1`, width);
    // The record form pre-answers nothing (it once pre-filled "none" in English); its hint is in the reader's language.
    await expect(page.getByLabel("致癌、致突变药物及其他药物的暴露情况")).toHaveValue("");
    await expect(page.getByText("如无，请填写“无”。")).toBeVisible();
    await page.getByTestId("locale-switch").selectOption("en");
  });

  test(`in Chinese at ${width} px, the monitor's pages fit: dashboard, a subject with its queries and safety sections`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await login(page, "monitor");
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByTestId("home-monitor")).toBeVisible();
    for (const path of ["/monitor", "/studies", "/audit"]) await expectPageFits(page, path, width);
    // The audit trail names entities and actions in Chinese, not as model names and verbs.
    await expect(page.locator("main td").filter({ hasText: /^(创建|修改|签名|生效)$/ }).first()).toBeVisible();
    await expect(page.locator("main td").filter({ hasText: /^(create|update|sign|activate)$/ })).toHaveCount(0);
    // The DSUR section's wide tables scroll inside their own box on a phone.
    await page.goto("/studies");
    await page.getByRole("link", { name: /CART19-LTFU-01/ }).first().click();
    await expect(page).toHaveURL(/\/studies\/[a-z0-9]+$/);
    await expectPageFits(page, (await page.locator('a[href$="/reports/dsur"]').first().getAttribute("href"))!, width);
    await page.goto("/subjects?code=SH01-010");
    await page.getByRole("link", { name: "SH01-010", exact: true }).click();
    await expect(page.getByTestId("subject-page")).toBeVisible();
    await expectPageFits(page, new URL(page.url()).pathname, width);
    await page.getByTestId("locale-switch").selectOption("en");
  });
}

test("the sign-in, forbidden and not-found pages use the page header", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("main > header h1")).toHaveCount(1);
  await page.goto("/no-such-page");
  await expect(page.locator("main > header h1")).toHaveCount(1);
  await login(page, "investigator");
  const response = await page.goto("/sponsor/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("forbidden").locator("header h1")).toHaveCount(1);
  // Inside the app's shell the refusal is a section of the shell's <main>, not a second <main>.
  await expect(page.locator("main")).toHaveCount(1);
  const missing = await page.goto("/subjects/no-such-subject");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found").locator("header h1")).toHaveCount(1);
  await expect(page.locator("main")).toHaveCount(1);
});

test("in English at 390 px, the dashboard's cards stay inside the window (the widest card set the width of every card)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, "sponsor");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-on-time")).toBeVisible();
  // The content, not the header (its sign-out row is laid out elsewhere): no card reaches past the window.
  const widest = await page.locator("main section.card, main figure.card").evaluateAll((cards) => Math.max(...cards.map((c) => c.getBoundingClientRect().right)));
  expect(widest).toBeLessThanOrEqual(390);
  const overflow = await page.locator("main").evaluate((main) => main.scrollWidth - main.clientWidth);
  expect(overflow, `the dashboard's content is wider than the window by ${overflow}px`).toBeLessThanOrEqual(1);
  // The charts' drawings would shrink their text to about 5 px: a phone reads their data tables instead.
  for (const chart of ["chart-retention", "chart-on-time", "chart-escalations"]) {
    await expect(page.getByTestId(chart).locator("svg").first()).toBeHidden();
    await expect(page.getByTestId(`${chart}-table`).locator("table")).toBeVisible();
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await expect(page.getByTestId("chart-retention").locator("svg").first()).toBeVisible();
  expect(await page.getByTestId("chart-retention-table").evaluate((box) => box.getBoundingClientRect().width), "on a desktop the table is for screen readers only").toBeLessThanOrEqual(1);
});

test("in English at 390 px, the header of every demo user fits the phone: the e-mail wraps, the language label stays on one line", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const role of ["sponsor", "investigator", "investigator2", "monitor"] as const) {
    await page.context().clearCookies();
    await login(page, role);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoPageOverflow(page, `${role}'s home at 390px`);
    const label = page.locator("header label", { hasText: "Language" }).locator("span").first();
    expect((await label.boundingBox())?.height ?? 0, "the language label is one line").toBeLessThan(30);
  }
});

test("every page names itself in the browser's title, in the reader's language, after a link is followed too", async ({ page }) => {
  await login(page, "investigator");
  await expect(page).toHaveTitle("Investigator workspace · LTFU Manager");
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page).toHaveTitle("研究者工作台 · 长期随访管理");
  // A client-side navigation (next/link): the title follows the page.
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "受试者" }).click();
  await expect(page).toHaveURL(/\/subjects$/);
  await expect(page).toHaveTitle("受试者 · 长期随访管理");
  await page.getByRole("link", { name: /^SH01-/ }).first().click();
  await expect(page).toHaveTitle("受试者 · 长期随访管理");
  await page.goto("/subjects/new");
  await expect(page).toHaveTitle("入组受试者 · 长期随访管理");
  await page.getByTestId("locale-switch").selectOption("en");
  await expect(page).toHaveTitle("Enrol a subject · LTFU Manager");
});
