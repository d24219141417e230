import "server-only";
import { NextRequest } from "next/server";
import { nextAuthHandler } from "@/lib/auth/next-auth-handler";

/** The csrf cookie next-auth v4 sets (`__Host-` on https). */
const CSRF_COOKIE = /^(__Host-)?next-auth\.csrf-token=/;

/**
 * The CSRF token that next-auth pairs with this browser's own csrf cookie, for the sign-in form
 * posted without JavaScript (`csrfToken` field, next-auth's double-submit check). It asks
 * next-auth's own route handler in process (GET /api/auth/csrf with this request's cookies and
 * headers, as `getServerSession` asks it for the session): no token is made or checked here.
 * Null when the browser holds no valid csrf cookie: next-auth would answer with a new one, which
 * a page cannot set (app/login/page.tsx then sends the browser through next-auth's
 * GET /api/auth/signin, which sets it and redirects back to the sign-in page).
 */
export async function csrfTokenForRequest(): Promise<string | null> {
  const response: Response = await nextAuthHandler(new NextRequest("http://localhost/api/auth/csrf"), { params: Promise.resolve({ nextauth: ["csrf"] }) });
  if (response.headers.getSetCookie().some((cookie) => CSRF_COOKIE.test(cookie))) return null;
  const body = (await response.json()) as { csrfToken?: unknown };
  return typeof body.csrfToken === "string" && body.csrfToken !== "" ? body.csrfToken : null;
}
