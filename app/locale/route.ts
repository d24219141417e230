import { markGuarded } from "@/lib/auth/guarded";
import { errorResponse } from "@/lib/auth/route";
import { judgeOrigin, ownPageBack } from "@/lib/http/origin";
import { isLocale, localeCookie } from "@/lib/i18n/translate";

/**
 * The language switch without JavaScript: the header's select posts here (with JavaScript it sets
 * the cookie itself and refreshes). Remembers the language in the cookie the server reads to
 * render pages, and sends the browser back to the page it came from. Public: the sign-in page has
 * the switch too; it changes nothing but this browser's language, and only from the app's own pages.
 */
export const POST = markGuarded(async (request: Request): Promise<Response> => {
  if (judgeOrigin(request.headers, request.url) === "cross-origin") return errorResponse("forbidden", "Cross-site request refused.");
  const locale = (await request.formData().catch(() => null))?.get("locale");
  if (!isLocale(locale)) return errorResponse("bad_request", "locale: must be en or zh-CN", "locale");
  const response = new Response(null, { status: 303, headers: { location: ownPageBack(request.headers.get("referer"), request.headers, request.url) } });
  response.headers.append("set-cookie", localeCookie(locale));
  return response;
}, "public");
