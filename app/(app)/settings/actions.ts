"use server";

import { z } from "zod";
import { defineFormAction } from "@/lib/forms/form-action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { createFeedToken } from "@/lib/auth/feed-tokens";
import { ZCreateApiToken } from "@/lib/validation/auth";

export const createApiTokenAction = defineFormAction({
  permission: "token:manage",
  input: ZCreateApiToken,
  handler: async ({ actor, input, db }) => {
    const created = await createApiToken(db, { actor, name: input.name });
    return created;
  },
  revalidate: () => ["/settings"],
});

export const revokeApiTokenAction = defineFormAction({
  permission: "token:manage",
  input: z.object({ id: z.string().min(1) }),
  handler: async ({ actor, input, db }) => {
    await revokeApiToken(db, { actor, id: input.id });
    return { id: input.id };
  },
  revalidate: () => ["/settings"],
});

/** A calendar feed token: the secret goes into calendar.ics?token= links, shown once. */
export const createCalendarFeedTokenAction = defineFormAction({
  permission: "token:manage",
  input: z.object({}),
  handler: async ({ actor, db }) => {
    const created = await createFeedToken(db, { actor });
    return { id: created.id, token: created.token };
  },
  revalidate: () => ["/settings"],
});
