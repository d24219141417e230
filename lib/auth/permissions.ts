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
  // Reports and exports (CDE §2.3.2 DSUR; CSV, ODM, calendar): every role reads them, over the
  // subjects in its scope (lib/exports/services/export-scope.ts: an investigator's sites only).
  "report:read": { roles: ALL_ROLES, siteScoped: true },
  "export:read": { roles: ALL_ROLES, siteScoped: true },
  "calendar:read": { roles: ALL_ROLES, siteScoped: true },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/**
 * Where a site-scoped permission is asked for: at one site (the record's), or, for a gate
 * that runs before the record is known (the action, route and page wrappers), at any of the
 * actor's own sites; the handler then checks the record's site or reads through a scoped
 * accessor (lib/db/scope.ts).
 */
export type PermissionScope = { siteId: string } | { anyOwnSite: true };
export const AT_ANY_OWN_SITE: PermissionScope = { anyOwnSite: true };

/**
 * Pure check. Fails closed: a site-scoped permission without a scope is refused, for every
 * role; an investigator holds it only at their assigned sites. Other roles hold it across
 * their organisation (the organisation is checked on the row).
 */
export function hasPermission(actor: Actor | null | undefined, permission: Permission, scope?: PermissionScope): boolean {
  if (!actor) return false;
  const rule: PermissionRule = PERMISSIONS[permission];
  if (!rule.roles.includes(actor.role)) return false;
  if (!rule.siteScoped) return true;
  if (!scope) return false;
  if (actor.role !== "INVESTIGATOR") return true;
  return "siteId" in scope ? actor.siteIds.includes(scope.siteId) : actor.siteIds.length > 0;
}

/**
 * Where-clause fragment restricting reads of sites to what the actor may see. Without an
 * actor it matches nothing (fail closed).
 */
export function siteScopeFilter(actor: Actor | null | undefined): { id?: { in: string[] }; organizationId: string | { in: string[] } } {
  if (!actor) return { organizationId: { in: [] } };
  return actor.role === "INVESTIGATOR" ? { organizationId: actor.organizationId, id: { in: actor.siteIds } } : { organizationId: actor.organizationId };
}

/**
 * Where-clause fragment for rows that carry `organizationId` and `siteId` (clinical aggregates):
 * the actor's organisation and, for an investigator, their assigned sites. Without an actor it
 * matches nothing (fail closed). Each site-scoped aggregate's accessor in lib/db uses it.
 */
export function siteRowScopeFilter(actor: Actor | null | undefined): { organizationId: string | { in: string[] }; siteId?: { in: string[] } } {
  if (!actor) return { organizationId: { in: [] } };
  return actor.role === "INVESTIGATOR" ? { organizationId: actor.organizationId, siteId: { in: actor.siteIds } } : { organizationId: actor.organizationId };
}
