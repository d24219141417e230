import { afterEach, describe, expect, it } from "vitest";
import { judgeOrigin, ownPageBack } from "@/lib/http/origin";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";

const headers = (init: Record<string, string>) => new Headers(init);

describe("judgeOrigin", () => {
  afterEach(() => {
    delete process.env.NEXTAUTH_URL;
  });

  it("same origin: Origin's host is the request's Host, the proxy's X-Forwarded-Host, the request URL or NEXTAUTH_URL", () => {
    expect(judgeOrigin(headers({ origin: "http://app.test:3000", host: "app.test:3000" }))).toBe("same-origin");
    expect(judgeOrigin(headers({ origin: "https://ltfu.example", host: "10.0.0.5:3000", "x-forwarded-host": "ltfu.example" }))).toBe("same-origin");
    expect(judgeOrigin(headers({ origin: "http://localhost:3101" }), "http://localhost:3101/api/v1/products")).toBe("same-origin");
    process.env.NEXTAUTH_URL = "https://ltfu.example";
    expect(judgeOrigin(headers({ origin: "https://ltfu.example" }))).toBe("same-origin");
  });

  it("cross origin: another host, another port, a sibling subdomain, an opaque origin, a cross-site fetch without Origin", () => {
    expect(judgeOrigin(headers({ origin: "https://evil.example", host: "app.test" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ origin: "http://app.test:4000", host: "app.test:3000" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ origin: "http://evil.app.test:3000", host: "app.test:3000" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ origin: "null", host: "app.test" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ origin: "not a url", host: "app.test" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ "sec-fetch-site": "same-site", host: "app.test" }))).toBe("cross-origin");
    expect(judgeOrigin(headers({ "sec-fetch-site": "cross-site", host: "app.test" }))).toBe("cross-origin");
  });

  it("Sec-Fetch-Site: same-origin without Origin is the app; neither header is not a browser", () => {
    expect(judgeOrigin(headers({ "sec-fetch-site": "same-origin", host: "app.test" }))).toBe("same-origin");
    expect(judgeOrigin(headers({ host: "app.test" }))).toBe("no-browser-headers");
  });
});

describe("security headers", () => {
  it("a strict CSP with the nonce; HSTS and upgrade only over HTTPS; eval only in development", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "default-src 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { dev: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
    expect(securityHeaders({ csp, https: false })).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" });
    expect(securityHeaders({ csp, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ csp, https: true })["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });
});

describe("ownPageBack", () => {
  const headers = new Headers({ host: "ltfu.example" });
  it("sends the browser back to the app's own page, with its query", () => {
    expect(ownPageBack("http://ltfu.example/login?callbackUrl=%2F", headers)).toBe("/login?callbackUrl=%2F");
    expect(ownPageBack("http://ltfu.example/", headers)).toBe("/");
  });
  it("never to another host, nor to a path a browser reads as one; without a referer, home", () => {
    expect(ownPageBack("https://evil.example/x", headers)).toBe("/");
    expect(ownPageBack("http://ltfu.example//evil.example/x", headers)).toBe("/");
    expect(ownPageBack("http://ltfu.example/\\evil.example", headers)).toBe("/");
    expect(ownPageBack("not a url", headers)).toBe("/");
    expect(ownPageBack(null, headers)).toBe("/");
  });
});
