import "server-only";
import type { Actor } from "@/lib/auth/actor";

/**
 * Studies the actor may see: all of the organisation's for the sponsor administrator; for
 * investigators and monitors only those they are members of. Every study query uses this.
 */
export function studyScopeFilter(actor: Actor) {
  return actor.role === "SPONSOR_ADMIN"
    ? { organizationId: actor.organizationId }
    : { organizationId: actor.organizationId, members: { some: { userId: actor.id } } };
}
