import { expect, test, type Page } from "@playwright/test";
import { login } from "./fixtures";

/** The page itself never scrolls sideways: wide tables scroll inside their own box. */
async function expectNoPageOverflow(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label} is wider than the window by ${overflow}px`).toBeLessThanOrEqual(1);
}

for (const width of [1366, 390]) {
  test(`in Chinese at ${width} px, the sponsor's pages fit the window and the risk-factor select is readable`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await login(page, "sponsor");
    await page.getByTestId("locale-switch").selectOption("zh-CN");
    await expect(page.getByRole("heading", { level: 1, name: "申办方工作台" })).toBeVisible();
    for (const path of ["/sponsor", "/sponsor/products", "/sponsor/sites", "/sponsor/users", "/studies", "/audit", "/settings", "/sponsor/products/new"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoPageOverflow(page, `${path} at ${width}px`);
      // Headers are not squeezed into a column of single characters: each stays on one line.
      for (const header of await page.locator("main table thead th").all()) {
        const box = await header.boundingBox();
        if (box && box.height > 0) expect(box.height, `${path}: header "${await header.textContent()}" wraps`).toBeLessThan(48);
      }
    }
    // The product editor: the assessment select shows its whole option, and the prefilled rationale is Chinese.
    const status = page.getByTestId("factor-genome_integration").locator("select");
    const box = await status.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(100);
    await expect(page.getByTestId("factor-genome_integration").locator("textarea")).toHaveValue(/^由产品特征推定：/);
    await page.getByTestId("locale-switch").selectOption("en");
  });
}
