import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, login } from "./fixtures";

/** Fills the enrolment form's required fields (dosed and consented today). */
async function fillEnrolment(page: Page, fields: { code: string; lot: string; yearOfBirth: string }) {
  const today = new Date().toISOString().slice(0, 10);
  await page.locator("#enrol-code").fill(fields.code);
  await page.locator("#enrol-lot").fill(fields.lot);
  await page.locator("#enrol-dosing").fill(today);
  await page.locator("#enrol-yob").fill(fields.yearOfBirth);
  await page.locator("#enrol-consent-date").fill(today);
}

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
    await fillEnrolment(offline, { code: "bad code!", lot: "LV-NOJS-1", yearOfBirth: "1980" });
    await Promise.all([offline.waitForLoadState("load"), form.getByRole("button", { name: "入组" }).click()]);

    // The page was rendered by the server with the refusal: on the field, in Chinese, once.
    const refused = offline.locator("#enrol-code");
    await expect(refused).toHaveAttribute("aria-invalid", "true");
    await expect(offline.locator(`[id="${await refused.getAttribute("aria-describedby")}"]`)).toHaveText("受试者编号: 只能包含字母、数字、.、_ 和 -");
    await expect(offline.getByTestId("enrol-form").getByRole("alert")).toHaveCount(1);
    await expect(offline.locator("#enrol-lot")).toHaveAttribute("aria-invalid", "false");

    // Corrected and posted again: saved, with the link to the new subject.
    const subjectCode = `NOJS-${Date.now().toString(36)}`;
    await fillEnrolment(offline, { code: subjectCode, lot: "LV-NOJS-1", yearOfBirth: "1980" });
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

test("with JavaScript off, sign-out goes through /logout and posts next-auth's sign-out with its csrf token: the session ends, copies of its cookie too", async ({ browser, page }) => {
  await login(page, "monitor");
  const signedIn = await page.context().storageState();
  // Without next-auth's csrf cookie (a browser restarted: it is a session cookie), /logout detours once through GET /api/auth/signout to get it.
  const storageState = { ...signedIn, cookies: signedIn.cookies.filter((c) => c.name !== "next-auth.csrf-token") };
  expect(storageState.cookies.length).toBe(signedIn.cookies.length - 1);
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", storageState });
  const offline = await context.newPage();
  try {
    await offline.goto("/");
    await Promise.all([offline.waitForURL(/\/logout\??$/), offline.getByRole("button", { name: "退出登录" }).click()]);
    const form = offline.getByRole("form", { name: "确定在此浏览器上退出长期随访管理吗？" });
    await expect(form.locator('input[name="csrfToken"]')).toHaveValue(/.+/);
    await Promise.all([offline.waitForURL(/\/login(\?|$)/), form.getByRole("button", { name: "退出登录" }).click()]);
    expect((await context.cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");
    // next-auth's sign-out event ran: the session's other copy (the JavaScript page's) has ended too.
    expect((await page.request.get("/api/v1/me")).status()).toBe(401);
    await offline.goto("/logout");
    await expect(offline).toHaveURL(/\/login(\?|$)/);
  } finally {
    await context.close();
  }
});

test("with JavaScript off, enrolment into the second study: the study is chosen first (GET ?study=), then the form shows its sites and enrols into it", async ({ browser, page }) => {
  await login(page, "investigator");
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", storageState: await page.context().storageState() });
  const offline = await context.newPage();
  try {
    await offline.goto("/subjects/new?study=not-a-study");
    await expect(offline.getByTestId("bad-params")).toHaveText("临床研究：不是您可以入组受试者的研究；已显示第一个研究。");
    await expect(offline.getByTestId("enrol-study")).toContainText("CART19-LTFU-01");
    const picker = offline.getByTestId("enrol-study-picker");
    await picker.getByLabel("入组的临床研究").selectOption({ label: "F9-AAV-LTFU-01 — 5-year follow-up of AAV5-FIX recipients" });
    await Promise.all([offline.waitForURL(/\/subjects\/new\?study=/), picker.getByRole("button", { name: "切换到该研究" }).click()]);
    await expect(offline.getByTestId("bad-params")).toHaveCount(0);
    await expect(offline.getByTestId("enrol-study")).toContainText("F9-AAV-LTFU-01");

    const subjectCode = `AAV-NOJS-${Date.now().toString(36)}`;
    await fillEnrolment(offline, { code: subjectCode, lot: "AAV-LOT-1", yearOfBirth: "1990" });
    await Promise.all([offline.waitForLoadState("load"), offline.getByTestId("enrol-form").getByRole("button", { name: "入组" }).click()]);
    await offline.getByTestId("enrol-form").getByRole("status").getByRole("link").click();
    await expect(offline.getByRole("heading", { level: 1 })).toContainText(subjectCode);
    await expect(offline.getByTestId("subject-page")).toContainText("F9-AAV-LTFU-01");
  } finally {
    await context.close();
  }
});

test("with JavaScript off, a consent version is drafted, its checklist saved (incomplete, then whole) and activated", async ({ browser, page }) => {
  await login(page, "sponsor");
  // A study of its own (through the API with the session), so that no other test sees re-consent due.
  const studyId = await page.evaluate(async () => {
    const post = async (url: string, body: unknown) => {
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { id: string };
    };
    const code = `ICF-NOJS-${Date.now()}`;
    const profile = { platform: "aav", exVivo: false, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true };
    const product = await post("/api/v1/products", { name: code, code, profile });
    return (await post("/api/v1/studies", { protocolNumber: code, title: "Consent without JavaScript", phase: "phase_1", productId: product.id })).id;
  });
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN", storageState: await page.context().storageState() });
  const offline = await context.newPage();
  try {
    await offline.goto(`/studies/${studyId}`);
    const create = offline.getByRole("form", { name: "创建草稿版本" });
    await create.getByLabel("文件标题").fill("知情同意书 v1");
    await Promise.all([offline.waitForLoadState("load"), create.getByRole("button", { name: "创建草稿版本" }).click()]);
    const draft = offline.getByTestId("consent-v1");
    await expect(draft).toContainText("知情同意书 v1");

    // Part of the checklist: saved as ticked, and activation is refused for the missing items.
    const checklist = draft.getByRole("form", { name: "保存核对清单" });
    await checklist.getByLabel("长期随访研究的目的").check();
    await Promise.all([offline.waitForLoadState("load"), checklist.getByRole("button", { name: "保存核对清单" }).click()]);
    await expect(offline.getByTestId("consent-v1").getByRole("form", { name: "保存核对清单" }).getByLabel("长期随访研究的目的")).toBeChecked();
    await expect(offline.getByTestId("consent-v1").getByRole("form", { name: "保存核对清单" }).getByLabel("基因检测")).not.toBeChecked();
    const activate = () => offline.getByTestId("consent-v1").getByRole("form", { name: "启用" });
    await activate().getByLabel("生效日期").fill(new Date().toISOString().slice(0, 10));
    await activate().getByLabel("新版本的原因").fill("首个版本");
    await Promise.all([offline.waitForLoadState("load"), activate().getByRole("button", { name: "启用" }).click()]);
    await expect(activate().getByRole("alert")).toContainText("基因检测");

    // The whole checklist: saved, then the version is activated.
    const whole = offline.getByTestId("consent-v1").getByRole("form", { name: "保存核对清单" });
    for (const box of await whole.getByRole("checkbox").all()) await box.check();
    await Promise.all([offline.waitForLoadState("load"), whole.getByRole("button", { name: "保存核对清单" }).click()]);
    await activate().getByLabel("生效日期").fill(new Date().toISOString().slice(0, 10));
    await activate().getByLabel("新版本的原因").fill("首个版本");
    await Promise.all([offline.waitForLoadState("load"), activate().getByRole("button", { name: "启用" }).click()]);
    await offline.goto(`/studies/${studyId}`);
    await expect(offline.getByTestId("consent-v1")).toContainText("生效");
    await expect(offline.getByTestId("consent-v1").getByRole("form")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("with JavaScript off, the language switch posts its choice: the page comes back in Chinese; a foreign origin or an unknown language is refused", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "en" });
  const offline = await context.newPage();
  try {
    await offline.goto("/login");
    await expect(offline.getByRole("heading", { name: "Sign in" })).toBeVisible();
    const here = offline.url();
    await offline.getByTestId("locale-switch").selectOption("zh-CN");
    await Promise.all([offline.waitForLoadState("load"), offline.getByRole("button", { name: "Apply" }).click()]);
    expect(offline.url()).toBe(here);
    await expect(offline.getByRole("heading", { name: "登录" })).toBeVisible();
    expect((await context.cookies()).find((c) => c.name === "ltfu-locale")?.value).toBe("zh-CN");

    const bad = await offline.request.post("/locale", { form: { locale: "fr" }, headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request", field: "locale" } });
    const foreign = await offline.request.post("/locale", { form: { locale: "en" }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });
    expect(foreign.status()).toBe(403);
    expect(foreign.headers()["set-cookie"]).toBeUndefined();
  } finally {
    await context.close();
  }
});
