import type { Actor } from "@/lib/auth/actor";
import { hasPermission, type Permission, type PermissionScope } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";

/** Server-side guard: throws `unauthenticated` without an actor, `forbidden` without the permission. */
export function requirePermission(actor: Actor | null | undefined, permission: Permission, scope?: PermissionScope): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.", undefined, { key: "refusal.signInRequired" });
  if (!hasPermission(actor, permission, scope)) {
    const atSite = Boolean(scope && "siteId" in scope);
    throw new AppError("forbidden", `Your role (${actor.role}) does not allow ${permission}${atSite ? " at this site" : ""}.`, undefined, {
      key: atSite ? "refusal.roleForbidsAtSite" : "refusal.roleForbids",
      params: { role: actor.role },
    });
  }
  return actor;
}
