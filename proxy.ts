import { NextResponse, type NextRequest } from "next/server";
import { MAX_JSON_BODY_BYTES } from "@/lib/http/json-body";
import { judgeOrigin } from "@/lib/http/origin";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/security-headers";
import { PATHNAME_HEADER } from "@/lib/i18n/page-titles";

/**
 * Runs before every request. It is not an authorization guard (pages, actions and routes
 * check on the server); it sets the security headers of every response with a fresh CSP nonce
 * per request, and answers a server action posted from a foreign origin with a clean 403
 * (Next.js refuses it too, but as a 500).
 */
export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const headers = securityHeaders({ csp, https });

  if (request.method === "POST" && request.headers.has("next-action") && judgeOrigin(request.headers, request.url) === "cross-origin") {
    return new NextResponse("Cross-site request refused: this action did not come from the app's own pages.", {
      status: 403,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  if (request.nextUrl.pathname.startsWith("/api/v1/") && Number(request.headers.get("content-length") ?? 0) > MAX_JSON_BODY_BYTES) {
    return NextResponse.json(
      { error: { code: "payload_too_large", message: `The request body is larger than ${MAX_JSON_BODY_BYTES} bytes.` } },
      { status: 413, headers: headers },
    );
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  // The page's path, for its document title (app/layout.tsx); set here, so a client cannot choose it.
  requestHeaders.set(PATHNAME_HEADER, request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
