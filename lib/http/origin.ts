/**
 * Is a browser request from the app's own origin? Cross-site request forgery rides on the
 * session cookie, so every cookie-authenticated write (/api/v1 and server actions) must come
 * from a page of this app. Browsers send `Origin` on every POST/PUT/PATCH/DELETE (and
 * `Sec-Fetch-Site`); a client that sends neither is not a browser, and a forged request needs
 * one. The app's own host is the request's `Host` (or the `X-Forwarded-Host` of the proxy in
 * front) and the host of NEXTAUTH_URL.
 */
export function ownHosts(headers: Headers, requestUrl?: string): Set<string> {
  const hosts = new Set<string>();
  if (requestUrl) {
    try {
      hosts.add(new URL(requestUrl).host.toLowerCase());
    } catch {
      // a relative or malformed URL names no host
    }
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = headers.get("host")?.trim();
  if (forwarded) hosts.add(forwarded.toLowerCase());
  if (host) hosts.add(host.toLowerCase());
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      hosts.add(new URL(configured).host.toLowerCase());
    } catch {
      // lib/env.ts reports a malformed NEXTAUTH_URL at start
    }
  }
  return hosts;
}

export type OriginVerdict = "same-origin" | "cross-origin" | "no-browser-headers";

/** `requestUrl`: the URL the server received the request on (Next.js builds it from Host). */
export function judgeOrigin(headers: Headers, requestUrl?: string): OriginVerdict {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null") return "cross-origin";
    let host: string;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      return "cross-origin";
    }
    return ownHosts(headers, requestUrl).has(host) ? "same-origin" : "cross-origin";
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" ? "same-origin" : "cross-origin";
  return "no-browser-headers";
}

/**
 * The path and query of `referer` when it is a page of the app's own hosts, else "/": where to send
 * a browser back after a form post. A path that a browser would read as another host ("//evil.example",
 * "/\\evil.example") is never returned.
 */
export function ownPageBack(referer: string | null, headers: Headers, requestUrl?: string): string {
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    if (!ownHosts(headers, requestUrl).has(url.host.toLowerCase())) return "/";
    return /^\/(?![/\\])/.test(url.pathname) ? `${url.pathname}${url.search}` : "/";
  } catch {
    return "/";
  }
}
