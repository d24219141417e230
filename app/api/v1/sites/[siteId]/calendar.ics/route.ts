import { readAsOf } from "@/lib/api/as-of";
import { defineRoute } from "@/lib/auth/route";
import { buildSiteCalendar } from "@/lib/exports/services/site-calendar";
import { CALENDAR_CONTENT_TYPE, fileResponse } from "@/lib/exports/services/responses";

/** A site's visits due in the next 12 months; bearer header, session, or `?token=` (calendar feed token). */
export const GET = defineRoute({
  params: { siteId: "id" },
  permission: "calendar:read",
  acceptsFeedToken: true,
  handler: async ({ actor, params, request, db }) => {
    const text = await buildSiteCalendar(db, {
      actor,
      siteId: params.siteId ?? "",
      asOf: readAsOf(request),
      generatedAt: new Date().toISOString(),
    });
    return fileResponse(text, { contentType: CALENDAR_CONTENT_TYPE });
  },
});
