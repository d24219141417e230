import { readAsOf } from "@/lib/api/as-of";
import { defineRoute } from "@/lib/auth/route";
import { AppError } from "@/lib/errors";
import { calendarLabels, calendarLocale } from "@/lib/exports/calendar-labels";
import { buildSiteCalendar } from "@/lib/exports/services/site-calendar";
import { CALENDAR_CONTENT_TYPE, fileResponse } from "@/lib/exports/services/responses";
import { ZCalendarLanguage } from "@/lib/validation/report";

/**
 * A site's visits due in the next 12 months; bearer header, session, or `?token=` (calendar feed
 * token). Summaries and descriptions in `?lang=`, else the app's remembered language, else Accept-Language.
 */
export const GET = defineRoute({
  params: { siteId: "id" },
  permission: "calendar:read",
  acceptsFeedToken: true,
  handler: async ({ actor, params, request, db }) => {
    const lang = ZCalendarLanguage.safeParse(new URL(request.url).searchParams.get("lang") ?? undefined);
    if (!lang.success) throw new AppError("bad_request", "lang: must be en or zh-CN", "lang", { key: "refusal.calendarLanguageInvalid" });
    const locale = calendarLocale({ lang: lang.data, cookie: request.headers.get("cookie"), acceptLanguage: request.headers.get("accept-language") });
    const text = await buildSiteCalendar(db, {
      actor,
      siteId: params.siteId ?? "",
      asOf: readAsOf(request),
      generatedAt: new Date().toISOString(),
      labels: calendarLabels(locale),
    });
    return fileResponse(text, { contentType: CALENDAR_CONTENT_TYPE });
  },
});
