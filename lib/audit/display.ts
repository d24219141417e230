import { diffJson, type JsonChange } from "@/lib/audit/json-diff";

/** An audit record's values as stored: the change list of a large document, or old and new values. */
export interface StoredAuditValues {
  changes: unknown;
  oldValues: unknown;
  newValues: unknown;
}

/**
 * What an audit record changed, one line a field, for a reader: the stored change list of a large
 * document as it is, otherwise the difference of the old and the new values (a creation lists
 * every field it set, a deletion every field it removed). Nothing when neither side holds a value.
 */
export function auditChangeLines(record: StoredAuditValues): JsonChange[] {
  if (Array.isArray(record.changes)) return record.changes as JsonChange[];
  if (record.oldValues == null && record.newValues == null) return [];
  return diffJson(record.oldValues ?? {}, record.newValues ?? {});
}

/** A value of a change line: text as it is, anything else as JSON; an absent side is "—". */
export function showAuditValue(value: unknown, present: boolean): string {
  if (!present) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The audit page's address: one kind of record (and one record of it), older than `before` (keyset). */
export function auditTrailHref(filter: { entity?: string; entityId?: string; before?: bigint }): string {
  const params = new URLSearchParams();
  if (filter.entity) params.set("entity", filter.entity);
  if (filter.entityId) params.set("entityId", filter.entityId);
  if (filter.before !== undefined) params.set("before", filter.before.toString());
  const search = params.toString();
  return `/audit${search ? `?${search}` : ""}`;
}
