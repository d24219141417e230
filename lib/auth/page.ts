import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission, type Permission } from "@/lib/auth/permissions";
import { getSessionActor } from "@/lib/auth/session";

/**
 * Guard for a page's data load: no session → /login; no permission → HTTP 403 with the
 * forbidden page. Every page under app/(app) calls this before reading data.
 */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  if (permission && !hasPermission(actor, permission)) forbidden();
  return actor;
}
