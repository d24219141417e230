import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE, hasPermission, type Permission } from "@/lib/auth/permissions";
import { getSessionActor } from "@/lib/auth/session";
import { parsePathParams, type ParsedPathParams, type PathParamKind } from "@/lib/validation/path-params";

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

/**
 * A page's path parameters, checked like the API's (lib/validation/path-params.ts): ids are
 * 1–64 letters, digits, `_`, `-`; "int" parameters decimal digits within int32. Anything else
 * is 404 before a query runs. Every page with a dynamic segment reads its params through this.
 */
export async function pageParams<K extends Record<string, PathParamKind>>(params: Promise<Record<string, string | string[] | undefined>>, kinds: K): Promise<ParsedPathParams<K>> {
  const parsed = parsePathParams(await params, kinds);
  if (!parsed) notFound();
  return parsed;
}
