import { describe, expect, it } from "vitest";
import { diffJson } from "@/lib/audit/json-diff";

describe("diffJson", () => {
  it("equal documents have no changes", () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it("records each changed leaf with its JSON Pointer, old and new value", () => {
    expect(diffJson({ plan: { visits: [{ id: "M12", window: 14 }, { id: "M24" }] }, note: "a" }, { plan: { visits: [{ id: "M12", window: 21 }, { id: "M24" }] }, note: "a" })).toEqual([
      { path: "/plan/visits/0/window", old: 14, new: 21 },
    ]);
  });

  it("added and removed keys and array elements carry only the value that exists", () => {
    expect(diffJson({ a: 1, list: [1, 2, 3] }, { b: 2, list: [1, 2] })).toEqual([
      { path: "/a", old: 1 },
      { path: "/b", new: 2 },
      { path: "/list/2", old: 3 },
    ]);
  });

  it("escapes / and ~ in keys (RFC 6901) and replaces values of different types whole", () => {
    expect(diffJson({ "coverage_gap:x/y~z": "old" }, { "coverage_gap:x/y~z": { text: "new" } })).toEqual([{ path: "/coverage_gap:x~1y~0z", old: "old", new: { text: "new" } }]);
    expect(diffJson(1, 2)).toEqual([{ path: "/", old: 1, new: 2 }]);
  });
});
