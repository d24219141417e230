import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { AT_ANY_OWN_SITE, hasPermission, PERMISSIONS, siteRowScopeFilter, siteScopeFilter, type Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";

const actor = (role: Actor["role"], siteIds: string[] = []): Actor => ({ id: "u", email: "u@x", name: "u", role, organizationId: "o", siteIds });

describe("permission table", () => {
  it("denies everything without an actor", () => {
    for (const permission of Object.keys(PERMISSIONS) as Permission[]) expect(hasPermission(null, permission)).toBe(false);
  });

  it("keeps configuration changes to the sponsor administrator", () => {
    for (const permission of ["site:manage", "user:manage"] as const) {
      expect(hasPermission(actor("SPONSOR_ADMIN"), permission)).toBe(true);
      expect(hasPermission(actor("INVESTIGATOR", ["s1"]), permission)).toBe(false);
      expect(hasPermission(actor("MONITOR"), permission)).toBe(false);
    }
  });

  it("scopes an investigator's site permissions to their sites", () => {
    expect(hasPermission(actor("INVESTIGATOR", ["s1"]), "site:read", { siteId: "s1" })).toBe(true);
    expect(hasPermission(actor("INVESTIGATOR", ["s1"]), "site:read", { siteId: "s2" })).toBe(false);
    expect(hasPermission(actor("MONITOR"), "site:read", { siteId: "s2" })).toBe(true);
  });

  it("fails closed: a site-scoped permission without a site is refused, for every role", () => {
    expect(hasPermission(actor("INVESTIGATOR", ["s1"]), "site:read")).toBe(false);
    expect(hasPermission(actor("MONITOR"), "site:read")).toBe(false);
    expect(hasPermission(actor("SPONSOR_ADMIN"), "site:read")).toBe(false);
    expect(() => requirePermission(actor("INVESTIGATOR", ["s1"]), "site:read")).toThrow(expect.objectContaining({ code: "forbidden" }));
  });

  it("a wrapper's gate asks for any of the actor's own sites: an investigator with none is refused", () => {
    expect(hasPermission(actor("INVESTIGATOR", ["s1"]), "site:read", AT_ANY_OWN_SITE)).toBe(true);
    expect(hasPermission(actor("INVESTIGATOR", []), "site:read", AT_ANY_OWN_SITE)).toBe(false);
    expect(hasPermission(actor("MONITOR"), "site:read", AT_ANY_OWN_SITE)).toBe(true);
    // A permission that is not site-scoped ignores the scope.
    expect(hasPermission(actor("MONITOR"), "audit:read")).toBe(true);
  });

  it("scope filters match nothing without an actor, an investigator's sites, or the organisation", () => {
    expect(siteScopeFilter(null)).toEqual({ organizationId: { in: [] } });
    expect(siteRowScopeFilter(undefined)).toEqual({ organizationId: { in: [] } });
    expect(siteRowScopeFilter(actor("INVESTIGATOR", ["s1"]))).toEqual({ organizationId: "o", siteId: { in: ["s1"] } });
    expect(siteRowScopeFilter(actor("INVESTIGATOR", []))).toEqual({ organizationId: "o", siteId: { in: [] } });
    expect(siteRowScopeFilter(actor("MONITOR"))).toEqual({ organizationId: "o" });
  });

  it("requirePermission throws typed errors", () => {
    expect(() => requirePermission(null, "me:read")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => requirePermission(actor("MONITOR"), "site:manage")).toThrow(expect.objectContaining({ code: "forbidden" }));
    expect(requirePermission(actor("MONITOR"), "audit:read").role).toBe("MONITOR");
  });
});
