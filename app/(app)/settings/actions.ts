"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth/action";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { ZCreateApiToken } from "@/lib/validation/auth";

export const createApiTokenAction = defineAction({
  permission: "token:manage",
  input: ZCreateApiToken,
  handler: async ({ actor, input, db }) => {
    const created = await createApiToken(db, { actor, name: input.name });
    revalidatePath("/settings");
    return created;
  },
});

export const revokeApiTokenAction = defineAction({
  permission: "token:manage",
  input: z.object({ id: z.string().min(1) }),
  handler: async ({ actor, input, db }) => {
    await revokeApiToken(db, { actor, id: input.id });
    revalidatePath("/settings");
    return { id: input.id };
  },
});
