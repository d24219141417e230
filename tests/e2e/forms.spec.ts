import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

test("the site form, in Chinese: a bad code is refused next to the field, announced, with focus on it", async ({ page }) => {
  await login(page, "sponsor");
  await page.goto("/sponsor/sites");
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  const form = page.getByRole("form", { name: "添加研究中心" });
  await expect(form).toBeVisible();
  const code = form.getByLabel("编号");
  await code.fill("bad code!");
  await form.getByLabel("名称", { exact: true }).fill("E2E 医院");
  await form.getByLabel("国家/地区").fill("中国");
  await form.getByRole("button", { name: "创建" }).click();

  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(code).toBeFocused();
  const describedBy = await code.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  const message = page.locator(`[id="${describedBy}"]`);
  await expect(message).toHaveText("编号: 只能包含字母、数字、- 和 _");
  await expect(form.getByRole("alert")).toHaveText("请检查标出的字段（1 处）。");
  await expect(form).not.toContainText("letters, digits");
  // What the reader typed is still there.
  await expect(code).toHaveValue("bad code!");

  // A refusal decided by the server (the code exists already) also reads in Chinese, on the field.
  await code.fill("SH-01");
  await form.getByRole("button", { name: "创建" }).click();
  await expect(message).toHaveText("编号: 已存在具有相同值的记录。");
  await expect(code).toBeFocused();
  await page.getByTestId("locale-switch").selectOption("en");
});

test("no page requests a missing favicon", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/login");
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(missing).toEqual([]);
});
