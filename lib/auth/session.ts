import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import type { Actor } from "@/lib/auth/actor";
import { authOptions } from "@/lib/auth/auth-options";
import { getDb } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";

/**
 * The signed-in actor of this request, or null. Memoised per request. A session whose version
 * is not the user's current one (signed out, password changed) is no session.
 */
export const getSessionActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sv?: unknown } | undefined;
  if (!user?.id || typeof user.sv !== "number") return null;
  return getActorByUserId(getDb(), { userId: user.id, sessionVersion: user.sv });
});
