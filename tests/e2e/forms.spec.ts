import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, login } from "./fixtures";

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

/**
 * With JavaScript off the forms still work: a server action passed from the page is the form's
 * native POST target (ActionForm binds it to lib/forms/submit-form.ts), and the page comes back
 * rendered with the refusal next to its field, or with the saved status.
 */
test("with JavaScript off, the enrolment form posts natively: a refusal comes back next to its field in Chinese, then the subject is enrolled", async ({ browser, page }) => {
  await login(page, "investigator");
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  const storageState = await page.context().storageState();
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState });
  const offline = await noScript.newPage();
  try {
    await offline.goto("/subjects/new");
    const form = offline.getByTestId("enrol-form");
    const today = new Date().toISOString().slice(0, 10);
    const code = offline.locator("#enrol-code");
    await code.fill("bad code!");
    await offline.locator("#enrol-lot").fill("LV-NOJS-1");
    await offline.locator("#enrol-dosing").fill(today);
    await offline.locator("#enrol-yob").fill("1980");
    await offline.locator("#enrol-consent-date").fill(today);
    await Promise.all([offline.waitForLoadState("load"), form.getByRole("button", { name: "入组" }).click()]);

    // The page was rendered by the server with the refusal: on the field, in Chinese, once.
    const refused = offline.locator("#enrol-code");
    await expect(refused).toHaveAttribute("aria-invalid", "true");
    await expect(offline.locator(`[id="${await refused.getAttribute("aria-describedby")}"]`)).toHaveText("受试者编号: 只能包含字母、数字、.、_ 和 -");
    await expect(offline.getByTestId("enrol-form").getByRole("alert")).toHaveCount(1);
    await expect(offline.locator("#enrol-lot")).toHaveAttribute("aria-invalid", "false");

    // Corrected and posted again: saved, with the link to the new subject.
    const subjectCode = `NOJS-${Date.now().toString(36)}`;
    await offline.locator("#enrol-code").fill(subjectCode);
    await offline.locator("#enrol-lot").fill("LV-NOJS-1");
    await offline.locator("#enrol-dosing").fill(today);
    await offline.locator("#enrol-yob").fill("1980");
    await offline.locator("#enrol-consent-date").fill(today);
    await Promise.all([offline.waitForLoadState("load"), offline.getByTestId("enrol-form").getByRole("button", { name: "入组" }).click()]);
    const saved = offline.getByTestId("enrol-form").getByRole("status");
    await expect(saved).toHaveText("受试者已入组：打开受试者档案");
    await saved.getByRole("link").click();
    await expect(offline.getByRole("heading", { level: 1 })).toContainText(subjectCode);
  } finally {
    await noScript.close();
    await page.getByTestId("locale-switch").selectOption("en");
  }
});

test("with JavaScript off, a sponsor form (add a site) shows its field error and then saves", async ({ browser, page }) => {
  await login(page, "sponsor");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const offline = await noScript.newPage();
  try {
    await offline.goto("/sponsor/sites");
    const form = () => offline.getByRole("form", { name: "Add a site" });
    await form().getByLabel("Code").fill("NO JS");
    await form().getByLabel("Name", { exact: true }).fill("No-script hospital");
    await form().getByLabel("Country").fill("China");
    await Promise.all([offline.waitForLoadState("load"), form().getByRole("button", { name: "Create" }).click()]);
    await expect(form().getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
    await expect(form()).toContainText("Code: letters, digits, - and _ only");

    const siteCode = `NJ-${Date.now().toString(36).slice(-5)}`;
    await form().getByLabel("Code").fill(siteCode);
    await form().getByLabel("Name", { exact: true }).fill("No-script hospital");
    await form().getByLabel("Country").fill("China");
    await Promise.all([offline.waitForLoadState("load"), form().getByRole("button", { name: "Create" }).click()]);
    await expect(form().getByRole("status")).toHaveText("Site created.");
    await expect(offline.getByRole("main")).toContainText(siteCode);
  } finally {
    await noScript.close();
  }
});

test("with JavaScript off, in Chinese: a missed visit is recorded with its reason (the outcome shows the reason instead of the checklist), a sample result's clone fields follow its kind, and the subject is declared lost to follow-up", async ({ browser, page }) => {
  const code = `NOJS-M-${Date.now().toString(36)}`;
  const sixMonthsAgo = new Date();
  sixMonthsAgo.setMonth(sixMonthsAgo.getMonth() - 6, Math.min(sixMonthsAgo.getDate(), 28));
  const dosing = sixMonthsAgo.toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  await login(page, "investigator");
  await page.goto("/subjects/new");
  await page.getByLabel("Subject code").fill(code);
  await page.getByLabel("Product lot").fill("LV-NOJS-2");
  await page.getByLabel("Dosing date (day 0)").fill(dosing);
  await page.getByLabel("Year of birth").fill("1975");
  await page.getByLabel("Consent date").fill(dosing);
  await page.getByRole("button", { name: "Enrol", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  const recordM06 = await page.getByTestId("visit-M06").getByRole("link", { name: "Record" }).getAttribute("href");
  expect(recordM06).toBeTruthy();
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const offline = await noScript.newPage();
  try {
    await offline.goto(recordM06!);
    const form = offline.getByTestId("record-visit-form");
    // Completed by default: the checklist shows, the reason does not.
    await expect(form.getByLabel("已完成")).toBeChecked();
    await expect(form.locator("#visit-drug-exposure")).toBeVisible();
    await expect(form.locator("#visit-reason")).toBeHidden();
    await form.getByLabel("访视日期").fill(today);
    await form.getByLabel("缺失").check();
    // Missed: the reason shows, the checklist does not (CSS, no script).
    await expect(form.locator("#visit-reason")).toBeVisible();
    await expect(form.locator("#visit-drug-exposure")).toBeHidden();

    // Without a reason: refused on the reason field, in Chinese.
    await Promise.all([offline.waitForLoadState("load"), form.getByRole("button", { name: "保存记录" }).click()]);
    const reason = offline.locator("#visit-reason");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(offline.locator(`[id="${await reason.getAttribute("aria-describedby")}"]`)).toHaveText("原因: 请说明访视缺失的原因");
    // The page comes back with the default outcome, but a refused field is never hidden.
    await expect(reason).toBeVisible();

    // With the reason (the hidden checklist is posted too, and ignored): saved as missed.
    await offline.getByTestId("record-visit-form").getByLabel("访视日期").fill(today);
    await offline.getByTestId("record-visit-form").getByLabel("缺失").check();
    await reason.fill("受试者已搬迁，无法到访");
    await Promise.all([offline.waitForLoadState("load"), offline.getByTestId("record-visit-form").getByRole("button", { name: "保存记录" }).click()]);
    const saved = offline.getByTestId("record-visit-form").getByRole("status");
    await expect(saved).toHaveText("访视已记录：打开记录");
    await saved.getByRole("link").click();
    const record = offline.getByTestId("visit-record");
    await expect(record).toContainText("缺失");
    await expect(record).toContainText("受试者已搬迁，无法到访");

    // The sample-result form on the subject page: its clone fields follow the kind without script too.
    await offline.goto(new URL(page.url()).pathname);
    await offline.locator("summary", { hasText: "记录样本检测结果" }).click();
    const results = offline.getByRole("form", { name: "记录样本检测结果" });
    await expect(results.getByLabel("检测类型")).toHaveValue("persistence");
    await expect(results.getByLabel("优势克隆")).toBeHidden();
    await results.getByLabel("检测类型").selectOption("clonality");
    await expect(results.getByLabel("优势克隆")).toBeVisible();
    await results.getByLabel("检测类型").selectOption("persistence");
    await expect(results.getByLabel("优势克隆")).toBeHidden();
    // A persistence result posts the hidden clone boxes (false): recorded all the same.
    await results.getByLabel("采样日期").fill(today);
    await results.getByLabel("检出", { exact: true }).selectOption("false");
    await Promise.all([offline.waitForLoadState("load"), results.getByRole("button", { name: "记录样本检测结果" }).click()]);
    // (The page comes back with the form's <details> closed: located by CSS, hidden elements included.)
    await expect(offline.locator('form[aria-label="记录样本检测结果"] [role="status"]')).toHaveText("样本检测结果已记录。");

    // Ending follow-up: lost to follow-up shows its contact attempts, died its cause, without script too.
    await offline.locator("summary", { hasText: "结束随访" }).click();
    const ending = offline.getByRole("form", { name: "结束随访（退出、失访、死亡、完成）" });
    await expect(ending.locator("#status-cause")).toBeHidden();
    await expect(ending.getByLabel("日期 1")).toBeHidden();
    await ending.getByLabel("状态").selectOption("died");
    await expect(ending.locator("#status-cause")).toBeVisible();
    await ending.getByLabel("状态").selectOption("lost_to_follow_up");
    await expect(ending.locator("#status-cause")).toBeHidden();
    await ending.getByLabel("日期", { exact: true }).fill(today);
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
    for (const i of [1, 2, 3]) {
      await ending.getByLabel(`日期 ${i}`).fill(daysAgo(i * 7));
      await ending.getByLabel(`方式 ${i}`).fill("电话");
      await ending.getByLabel(`结果 ${i}`).fill("无人接听");
    }
    await Promise.all([offline.waitForLoadState("load"), ending.getByRole("button", { name: "保存状态" }).click()]);
    // No longer in follow-up: the form is gone and the page says lost to follow-up.
    await expect(offline.locator("summary", { hasText: "结束随访" })).toHaveCount(0);
    await expect(offline.getByTestId("subject-page")).toContainText("失访");
    // The page shows the three attempts behind it, and names one subject (not "Subjects").
    await expect(offline.getByTestId("contact-attempts").locator("li")).toHaveCount(3);
    await expect(offline.getByTestId("contact-attempts").locator("li").first()).toHaveText(`${daysAgo(21)} · 电话 · 无人接听`);
    await expect(offline.getByRole("heading", { level: 1 })).toContainText(`受试者 ${code}`);
  } finally {
    await noScript.close();
    await page.getByTestId("locale-switch").selectOption("en");
  }
});

test("with JavaScript off, sign-in posts to next-auth: a wrong password comes back to /login with the message in Chinese, the right one lands on the investigator page", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    // On the way, next-auth set its csrf cookie (GET /api/auth/signin); the form carries the token paired with it.
    expect((await context.cookies()).map((c) => c.name)).toContain("next-auth.csrf-token");
    const form = page.getByRole("form", { name: "登录" });
    await form.getByLabel("电子邮箱").fill(DEMO_USERS.investigator.email);
    await form.getByLabel("密码").fill("not-the-password");
    await Promise.all([page.waitForURL(/\/login\?.*error=CredentialsSignin/), form.getByRole("button", { name: "登录" }).click()]);
    await expect(page.getByTestId("form-error")).toHaveText("登录失败。请检查电子邮箱和密码，或稍后再试。");
    expect((await context.cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");

    await form.getByLabel("电子邮箱").fill(DEMO_USERS.investigator.email);
    await form.getByLabel("密码").fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL(/\/investigator$/), form.getByRole("button", { name: "登录" }).click()]);
    await expect(page.getByTestId(DEMO_USERS.investigator.testId)).toBeVisible();
  } finally {
    await context.close();
  }
});

test("next-auth's csrf check still guards the credentials callback: a post with a forged token signs in nobody", async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL });
  try {
    await request.get("/api/auth/csrf"); // the browser's cookie, but not its token
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: "forged", email: DEMO_USERS.investigator.email, password: DEMO_PASSWORD, callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toContain("/api/auth/signin?csrf=true");
    expect((await request.storageState()).cookies.map((c) => c.name)).not.toContain("next-auth.session-token");
  } finally {
    await request.dispose();
  }
});
