import Link from "@/components/ui/link";
import type { Actor } from "@/lib/auth/actor";
import { auditTrailHref } from "@/lib/audit/display";
import { hasPermission } from "@/lib/auth/permissions";

/**
 * " · " and a link to one record's audit trail, for a reader who may read it (monitors, sponsor
 * administrators); nothing for anyone else. Put after the other items of a line of links.
 */
export function AuditTrailLink({ actor, entity, entityId, label, testId }: { actor: Actor; entity: string; entityId: string; label: string; testId: string }) {
  if (!hasPermission(actor, "audit:read")) return null;
  return (
    <>
      {" · "}
      <Link className="text-blue-700 underline" href={auditTrailHref({ entity, entityId })} data-testid={testId}>
        {label}
      </Link>
    </>
  );
}
