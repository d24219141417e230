import type { AuditAction } from "@/lib/audit/record-audit";
import type { MessageKey } from "@/lib/i18n/messages/en";
import type { Translate } from "@/lib/i18n/translate";

/** Every entity the services write to the audit trail, with its label in the catalogs. */
export const AUDITED_ENTITIES = [
  "AdverseEvent", "ApiToken", "ConsentVersion", "Escalation", "Organization", "PlanVersion", "Product", "Query",
  "SampleResult", "Site", "Study", "Subject", "User", "VisitRecord", "VisitSignature",
] as const;
const AUDIT_ACTIONS = ["create", "update", "delete", "activate", "supersede", "revoke", "disable", "enable", "sign", "sign_failed", "void"] as const satisfies readonly AuditAction[];

/** An audit record's entity in the reader's language; one written by a newer version shows as stored. */
export function auditEntityLabel(t: Translate, entity: string): string {
  return (AUDITED_ENTITIES as readonly string[]).includes(entity) ? t(`audit.entity.${entity}` as MessageKey) : entity;
}

/** An audit record's action in the reader's language; an unknown one shows as stored. */
export function auditActionLabel(t: Translate, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`audit.actionName.${action}` as MessageKey) : action;
}
