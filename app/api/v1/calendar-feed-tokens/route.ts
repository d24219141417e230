import { defineRoute } from "@/lib/auth/route";
import { createFeedToken } from "@/lib/auth/feed-tokens";

/** A new calendar feed token of the caller: `?token=` for calendar.ics, revoked like an API token. */
export const POST = defineRoute({
  permission: "token:manage",
  status: 201,
  handler: async ({ actor, db }) => createFeedToken(db, { actor }),
});
