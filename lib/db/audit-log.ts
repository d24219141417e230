import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";

/**
 * The organisation's audit records, newest first, optionally of one entity (and one record of it),
 * and older than `before` (the id of the last record of the previous page: keyset paging). The
 * indexes (organizationId, id) and (entity, entityId, id) match it.
 */
export async function listAuditRecords(db: Db, options: { actor: Actor; take?: number; entity?: string; entityId?: string; before?: bigint }) {
  return db.auditLog.findMany({
    where: {
      organizationId: options.actor.organizationId,
      ...(options.entity ? { entity: options.entity } : {}),
      ...(options.entityId ? { entityId: options.entityId } : {}),
      ...(options.before !== undefined ? { id: { lt: options.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take ?? 200,
  });
}
