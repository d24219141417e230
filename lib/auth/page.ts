import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE, hasPermission, type Permission } from "@/lib/auth/permissions";
import { getSessionActor } from "@/lib/auth/session";

/**
 * Guard for a page's data load: no session → /login; no permission → HTTP 403 with the
 * forbidden page. Every page under app/(app) calls this before reading data.
 */
export async function requirePageActor(permission?: Permission): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/login");
  // A site-scoped permission is checked here at any of the actor's sites; the page then reads through scoped accessors.
  if (permission && !hasPermission(actor, permission, AT_ANY_OWN_SITE)) forbidden();
  return actor;
}
