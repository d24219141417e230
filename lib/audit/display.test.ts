import { describe, expect, it } from "vitest";
import { auditChangeLines, auditTrailHref, showAuditValue } from "@/lib/audit/display";

describe("audit change lines", () => {
  it("lists the fields an update changed, with old and new values, and nothing it kept", () => {
    expect(auditChangeLines({ changes: null, oldValues: { name: "Ruijin", pi: "Dr Wang", country: "CN" }, newValues: { name: "Ruijin", pi: "Dr Li", country: "CN" } })).toEqual([{ path: "/pi", old: "Dr Wang", new: "Dr Li" }]);
  });
  it("lists every field a creation set, and keeps a stored change list as it is", () => {
    expect(auditChangeLines({ changes: null, oldValues: null, newValues: { code: "SH-01", sites: ["a"] } })).toEqual([
      { path: "/code", new: "SH-01" },
      { path: "/sites", new: ["a"] },
    ]);
    const stored = [{ path: "/visits/0/offsetMonths", old: 3, new: 6 }];
    expect(auditChangeLines({ changes: stored, oldValues: null, newValues: null })).toBe(stored);
    expect(auditChangeLines({ changes: null, oldValues: null, newValues: null })).toEqual([]);
  });
  it("shows text as it is, other values as JSON, and an absent side as a dash", () => {
    expect(showAuditValue("Dr Li", true)).toBe("Dr Li");
    expect(showAuditValue(["a"], true)).toBe('["a"]');
    expect(showAuditValue(undefined, false)).toBe("—");
  });
});

describe("auditTrailHref", () => {
  it("keeps the filter and the page; without either, the newest of all", () => {
    expect(auditTrailHref({ entity: "Subject", entityId: "s1" })).toBe("/audit?entity=Subject&entityId=s1");
    expect(auditTrailHref({ entity: "Subject", before: 42n })).toBe("/audit?entity=Subject&before=42");
    expect(auditTrailHref({})).toBe("/audit");
  });
});
