import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/auth-options";
import { getDb } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";

/** The signed-in actor of this request, or null. Memoised per request. */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return getActorByUserId(getDb(), { userId });
});
