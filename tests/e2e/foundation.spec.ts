import { expect, test } from "@playwright/test";
import { DEMO_USERS, login, type DemoRole } from "./fixtures";

test.describe("sign-in per role", () => {
  for (const role of Object.keys(DEMO_USERS) as DemoRole[]) {
    test(`${role} signs in, sees its home, signs out`, async ({ page }) => {
      await login(page, role);
      const user = DEMO_USERS[role];
      await expect(page.getByRole("heading", { level: 1, name: user.heading })).toBeVisible();
      await expect(page.getByTestId("signed-in-as")).toContainText(user.email);
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login$/);
      await page.goto(user.home);
      await expect(page).toHaveURL(/\/login$/);
    });
  }
});

test("the server refuses an investigator on monitor and sponsor pages (HTTP 403)", async ({ page }) => {
  await login(page, "investigator");
  for (const path of ["/monitor", "/sponsor", "/sponsor/sites", "/sponsor/products", "/audit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
  // The navigation does not offer them either (convenience only: the server is the guard).
  await page.goto("/investigator");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Sites" })).toHaveCount(0);
});

test("sign-in refuses bad input with a field message and wrong credentials with one generic message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password").fill("whatever");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("E-mail: enter a valid e-mail address")).toBeVisible();
  await page.getByLabel("E-mail").fill(`nobody-${Date.now()}@demo.test`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Sign-in failed. Check your e-mail and password, or try again later.");
  // Still the sign-in page (a first visit comes back from next-auth's csrf step with its callbackUrl).
  await expect(page).toHaveURL(/\/login(\?|$)/);
});

test("the language switch turns the page Chinese and is remembered", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByTestId("demo-accounts")).toBeVisible();
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  // A form error is in Chinese too, naming the field.
  await page.getByLabel("电子邮箱").fill("not-an-email");
  await page.getByLabel("密码").fill("ltfu-demo");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请输入有效的电子邮箱地址")).toBeVisible();
  await page.getByLabel("电子邮箱").fill("sponsor@demo.test");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "申办方工作台" })).toBeVisible();
  await page.getByTestId("locale-switch").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Sponsor workspace" })).toBeVisible();
});

test("the sponsor adds a site; a bad code is refused with the field named", async ({ page }) => {
  await login(page, "sponsor");
  await page.goto("/sponsor/sites");
  const form = page.getByRole("form", { name: "Add a site" });
  await form.getByLabel("Code").fill("bad code!");
  await form.getByLabel("Name", { exact: true }).fill("E2E Hospital");
  await form.getByLabel("Country").fill("China");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(form.getByText("Code: letters, digits, - and _ only")).toBeVisible();
  const code = `E2E-${Date.now()}`;
  await form.getByLabel("Code").fill(code);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("cell", { name: code })).toBeVisible();

  // Edit it: the principal investigator changes, with a reason for the audit trail.
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: code, exact: true }) });
  await row.getByText("Edit", { exact: true }).click();
  const edit = row.getByRole("form", { name: `Edit site ${code}` });
  await edit.getByLabel("Principal investigator").fill("Dr Li Wei");
  await edit.getByLabel("Reason").fill("PI changed");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("cell", { name: "Dr Li Wei", exact: true })).toBeVisible();
  await page.goto("/audit");
  await expect(page.getByText("PI changed").first()).toBeVisible();
  // The change reads a line a field, old → new, not as two JSON documents.
  const changed = page.getByRole("row").filter({ hasText: "PI changed" }).first().getByRole("listitem");
  await expect(changed).toHaveCount(1);
  await expect(changed).toHaveText(/: .* → Dr Li Wei$/);
});

test("a personal API token works against /api/v1/me; without one the API answers 401 JSON", async ({ page, request }) => {
  await login(page, "monitor");
  await page.goto("/settings");
  await page.getByLabel("Token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ltfu_/);
  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toEqual({ id: expect.any(String), email: "monitor@demo.test", name: "Demo Monitor", role: "MONITOR", siteIds: [] });
  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
});
