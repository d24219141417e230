import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";

interface PermissionRule {
  roles: readonly Role[];
  /** Investigators hold this permission only for the sites they are assigned to. */
  siteScoped?: boolean;
}

const ALL_ROLES = ["SPONSOR_ADMIN", "INVESTIGATOR", "MONITOR"] as const satisfies readonly Role[];

/**
 * The permission table: deny by default, every server action, route handler and page data
 * load names one of these. `requirePermission` (server) enforces it; `hasPermission` only
 * decides what the UI shows.
 */
export const PERMISSIONS = {
  "home:sponsor": { roles: ["SPONSOR_ADMIN"] },
  "home:investigator": { roles: ["INVESTIGATOR"] },
  "home:monitor": { roles: ["MONITOR"] },
  "me:read": { roles: ALL_ROLES },
  "token:manage": { roles: ALL_ROLES },
  "site:read": { roles: ALL_ROLES, siteScoped: true },
  "site:manage": { roles: ["SPONSOR_ADMIN"] },
  "user:read": { roles: ["SPONSOR_ADMIN"] },
  "user:manage": { roles: ["SPONSOR_ADMIN"] },
  "audit:read": { roles: ["SPONSOR_ADMIN", "MONITOR"] },
  // Safety (CDE §2.3.2, §2.4): adverse events, sample results, escalations. Read like subjects
  // (lib/db/subjects.ts subjectScopeFilter); recorded and resolved only by an investigator of
  // the subject's site. Monitors see escalations and resolve nothing.
  "safety:read": { roles: ALL_ROLES, siteScoped: true },
  "safety:record": { roles: ["INVESTIGATOR"], siteScoped: true },
  "escalation:resolve": { roles: ["INVESTIGATOR"], siteScoped: true },
  // Sponsor workspace (CDE §2.2–§2.4). Reads by investigators and monitors are further
  // limited to the studies they are members of (lib/db/studies.ts studyScopeFilter) and
  // their products (lib/db/products.ts productScopeFilter).
  "product:read": { roles: ["SPONSOR_ADMIN", "MONITOR"] },
  "product:manage": { roles: ["SPONSOR_ADMIN"] },
  "study:read": { roles: ALL_ROLES },
  "study:manage": { roles: ["SPONSOR_ADMIN"] },
  "plan:read": { roles: ALL_ROLES },
  "plan:manage": { roles: ["SPONSOR_ADMIN"] },
  "consent:read": { roles: ALL_ROLES },
  "consent:manage": { roles: ["SPONSOR_ADMIN"] },
  // Site work (CDE §2.2.2, §2.3): subjects and visits. Reads are limited to the actor's
  // studies, and an investigator's to their sites (lib/db/subjects.ts subjectScopeFilter);
  // changes need an investigator of the subject's site. Monitors change nothing clinical.
  "subject:read": { roles: ALL_ROLES, siteScoped: true },
  "subject:enrol": { roles: ["INVESTIGATOR"], siteScoped: true },
  "subject:manage": { roles: ["INVESTIGATOR"], siteScoped: true },
  "visit:read": { roles: ALL_ROLES, siteScoped: true },
  "visit:record": { roles: ["INVESTIGATOR"], siteScoped: true },
  "visit:sign": { roles: ["INVESTIGATOR"], siteScoped: true },
  // Monitoring (CLINICAL-API-CONTRACT "Queries", "Dashboard"): reads in the subject scope; a
  // monitor raises, closes and reopens queries, an investigator of the subject's site answers.
  "query:read": { roles: ALL_ROLES, siteScoped: true },
  "query:raise": { roles: ["MONITOR"] },
  "query:answer": { roles: ["INVESTIGATOR"], siteScoped: true },
  "query:close": { roles: ["MONITOR"] },
  "dashboard:read": { roles: ALL_ROLES, siteScoped: true },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Pure check. `siteId` is required for a site-scoped permission held by an investigator. */
export function hasPermission(actor: Actor | null | undefined, permission: Permission, scope: { siteId?: string } = {}): boolean {
  if (!actor) return false;
  const rule: PermissionRule = PERMISSIONS[permission];
  if (!rule.roles.includes(actor.role)) return false;
  if (rule.siteScoped && actor.role === "INVESTIGATOR" && scope.siteId !== undefined) {
    return actor.siteIds.includes(scope.siteId);
  }
  return true;
}

/** Where-clause fragment restricting site-scoped reads to what the actor may see. */
export function siteScopeFilter(actor: Actor): { id?: { in: string[] }; organizationId: string } {
  return actor.role === "INVESTIGATOR" ? { organizationId: actor.organizationId, id: { in: actor.siteIds } } : { organizationId: actor.organizationId };
}
