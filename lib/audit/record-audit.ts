import type { Actor, SystemActor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";

export type AuditAction = "create" | "update" | "delete" | "activate" | "supersede" | "revoke" | "disable" | "enable" | "sign" | "sign_failed" | "void";

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: AuditAction;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
  reason?: string | null;
  organizationId?: string | null;
}

// Secrets never enter the audit trail, even hashed.
const REDACTED_FIELDS = new Set(["passwordHash", "tokenHash", "password", "token"]);

function redact(values: Record<string, unknown> | null | undefined): object | undefined {
  if (!values) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = REDACTED_FIELDS.has(key) ? "[redacted]" : value instanceof Date ? value.toISOString() : value;
  }
  return JSON.parse(JSON.stringify(out)) as object;
}

/**
 * The old and new values of the fields an update set (the keys of `changes`), for an
 * update's audit record: only what changed hands, missing values as null.
 */
export function changedValues<T extends object>(changes: Partial<T>, before: T, after: T): { oldValues: Record<string, unknown>; newValues: Record<string, unknown> } {
  const keys = Object.keys(changes) as (keyof T)[];
  return {
    oldValues: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    newValues: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
  };
}

/**
 * Write one audit record inside the caller's transaction, so the record and the change
 * commit or roll back together. The table is append-only (database trigger).
 */
export async function recordAudit(tx: Tx, actor: Actor | SystemActor, entry: AuditEntry): Promise<void> {
  const isSystem = "system" in actor;
  await tx.auditLog.create({
    data: {
      actorId: isSystem ? null : actor.id,
      actorEmail: isSystem ? `system:${actor.system}` : actor.email,
      actorRole: isSystem ? "SYSTEM" : actor.role,
      organizationId: entry.organizationId ?? (isSystem ? null : actor.organizationId),
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      oldValues: redact(entry.oldValues),
      newValues: redact(entry.newValues),
      reason: entry.reason ?? null,
    },
  });
}
