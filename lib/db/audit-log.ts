import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";

/** The organisation's most recent audit records, newest first (indexes (organizationId, id) and (entity, entityId, id) match it). */
export async function listAuditRecords(db: Db, options: { actor: Actor; take?: number; entity?: string; entityId?: string }) {
  return db.auditLog.findMany({
    where: {
      organizationId: options.actor.organizationId,
      ...(options.entity ? { entity: options.entity } : {}),
      ...(options.entityId ? { entityId: options.entityId } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take ?? 200,
  });
}
