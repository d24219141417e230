import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { DEMO_USERS, login } from "./fixtures";

function expectSecurityHeaders(response: APIResponse | null, what: string) {
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).toContain("base-uri 'self'");
  expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  return headers;
}

test.describe("security headers", () => {
  test("every response carries them: pages, API, static files; a fresh nonce per page", async ({ page, request }) => {
    const login1 = await request.get("/login");
    const login2 = await request.get("/login");
    const nonce = (r: APIResponse) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
    expectSecurityHeaders(login1, "/login");
    expect(nonce(login1)).not.toBe(nonce(login2));
    expect(login1.headers()["strict-transport-security"]).toBeUndefined();
    expectSecurityHeaders(await request.get("/api/v1/me"), "/api/v1/me");
    const html = await login1.text();
    const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expectSecurityHeaders(await request.get(script!), "static script");
    // Behind an HTTPS proxy, HSTS too.
    const https = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toContain("max-age=");

    // The app still runs under its policy: no violation while signing in and browsing.
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await login(page, "sponsor");
    await page.goto("/sponsor/products");
    await page.goto("/studies");
    expect(violations).toEqual([]);
  });

  test("a signed-in page framed by another origin does not render", async ({ page, baseURL }) => {
    await login(page, "sponsor");
    await page.route("http://evil.test/", (route) => route.fulfill({ contentType: "text/html", body: `<iframe id="f" src="${baseURL}/sponsor" width="800" height="600"></iframe>` }));
    await page.goto("http://evil.test/");
    await page.waitForTimeout(1500);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const rendered = frame ? await frame.locator(`[data-testid="${DEMO_USERS.sponsor.testId}"]`).count().catch(() => 0) : 0;
    expect(rendered).toBe(0);
  });
});

test.describe("cross-site request forgery", () => {
  test("with the session cookie, /api/v1 writes need the app's own origin and JSON", async ({ page, baseURL }) => {
    await login(page, "sponsor");
    const body = JSON.stringify({ name: "CSRF", code: `CSRF-${Date.now()}`, profile: { platform: "aav", exVivo: false, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true } });
    const forged = await page.request.post("/api/v1/products", { headers: { origin: "https://evil.example", "content-type": "text/plain" }, data: body });
    expect(forged.status()).toBe(403);
    const sameSite = await page.request.post("/api/v1/products", { headers: { origin: "http://127.0.0.1:1", "content-type": "application/json" }, data: body });
    expect(sameSite.status()).toBe(403);
    const notJson = await page.request.post("/api/v1/products", { headers: { origin: baseURL!, "content-type": "text/plain" }, data: body });
    expect(notJson.status()).toBe(415);
    // The app's own page, with fetch and JSON, is served.
    const own = await page.evaluate(async (json) => (await fetch("/api/v1/products", { method: "POST", headers: { "content-type": "application/json" }, body: json })).status, body);
    expect(own).toBe(201);
  });

  test("a server action posted from a foreign origin is a clean 403", async ({ page, baseURL }) => {
    await login(page, "sponsor");
    const foreign = await page.request.post("/sponsor/sites", { headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }, data: "[]" });
    expect(foreign.status()).toBe(403);
    const own = await page.request.post("/sponsor/sites", { headers: { origin: baseURL!, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }, data: "[]" });
    expect(own.status()).not.toBe(403);
    expect(own.status()).toBeLessThan(500);
  });

  test("a body over 1 MB is 413", async ({ page, baseURL }) => {
    await login(page, "sponsor");
    const response = await page.request.post("/api/v1/products", { headers: { origin: baseURL!, "content-type": "application/json" }, data: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }) });
    expect(response.status()).toBe(413);
  });
});

/** As the signed-in sponsor, through the API with the session cookie: a product and a study with these members. */
async function createStudy(page: Page, memberIds: string[]): Promise<{ productId: string; studyId: string }> {
  return page.evaluate(async (members) => {
    const post = async (url: string, method: string, body: unknown) => {
      const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    const code = `HARD-${Date.now()}`;
    const profile = { platform: "lentivirus", exVivo: true, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true };
    const product = (await post("/api/v1/products", "POST", { name: code, code, profile })) as { id: string };
    const study = (await post("/api/v1/studies", "POST", { protocolNumber: code, title: "Hardening", phase: "phase_1", productId: product.id })) as { id: string };
    if (members.length) await post(`/api/v1/studies/${study.id}/members`, "PUT", { userIds: members });
    return { productId: product.id, studyId: study.id };
  }, memberIds);
}

test.describe("sessions and pages", () => {
  test("signing out ends every session of the user, including a copied cookie", async ({ browser }) => {
    const first = await browser.newContext();
    const second = await browser.newContext();
    const a = await first.newPage();
    const b = await second.newPage();
    await login(a, "monitor");
    await login(b, "monitor");
    const copied = await first.cookies();
    expect((await b.request.get("/api/v1/me")).status()).toBe(200);
    await a.getByRole("button", { name: "Sign out" }).click();
    await expect(a).toHaveURL(/\/login$/);
    expect((await b.request.get("/api/v1/me")).status()).toBe(401);
    const third = await browser.newContext();
    await third.addCookies(copied);
    expect((await third.request.get("/api/v1/me")).status()).toBe(401);
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  test("a monitor reads the product page, as the API allows", async ({ browser }) => {
    const monitorContext = await browser.newContext();
    const sponsorContext = await browser.newContext();
    const monitor = await monitorContext.newPage();
    const sponsor = await sponsorContext.newPage();
    await login(monitor, "monitor");
    const monitorId = ((await (await monitor.request.get("/api/auth/session")).json()) as { user: { id: string } }).user.id;
    await login(sponsor, "sponsor");
    const { productId } = await createStudy(sponsor, [monitorId]);

    const { products } = (await (await monitor.request.get("/api/v1/products")).json()) as { products: { id: string }[] };
    expect(products.map((p) => p.id)).toContain(productId);
    expect((await monitor.request.get(`/api/v1/products/${productId}`)).status()).toBe(200);
    const response = await monitor.goto(`/sponsor/products/${productId}`);
    expect(response?.status()).toBe(200);
    await expect(monitor.getByTestId("derivation")).toBeVisible();
    await expect(monitor.getByTestId("product-summary")).toBeVisible();
    // Read-only: the editors are the sponsor's.
    await expect(monitor.getByRole("button", { name: /save/i })).toHaveCount(0);
    await Promise.all([monitorContext.close(), sponsorContext.close()]);
  });

  test("malformed path parameters are 404 on pages too", async ({ page }) => {
    await login(page, "sponsor");
    const { studyId } = await createStudy(page, []);
    for (const path of [`/studies/${studyId}/plans/2147483648/guide`, `/studies/${studyId}/plans/0x1/guide`, `/studies/${studyId}/plans/1.0/guide`, "/studies/a%00b", "/sponsor/products/a.b"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });
});
