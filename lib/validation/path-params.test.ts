import { describe, expect, it } from "vitest";
import { isPathId, parsePathInt, parsePathParams } from "@/lib/validation/path-params";

describe("strict path parameters", () => {
  it.each([
    ["1", 1],
    ["0", 0],
    ["42", 42],
    ["2147483647", 2147483647],
  ])("accepts the int %s", (raw, value) => expect(parsePathInt(raw)).toBe(value));

  it.each(["2147483648", "9999999999", "99999999999", "0x1", "1.0", "+1", "-1", "01", "1e3", " 1", "1 ", "", "١", "Infinity", "NaN"])("refuses the int %j", (raw) => {
    expect(parsePathInt(raw)).toBeNull();
  });

  it.each(["cmhx1abc0000", "a", "A_b-9", "x".repeat(64)])("accepts the id %j", (raw) => expect(isPathId(raw)).toBe(true));
  it.each(["", "x".repeat(65), "a b", "a\u0000", "a/b", "..", "a.b", "é", "\ud800"])("refuses the id %j", (raw) => expect(isPathId(raw)).toBe(false));

  it("checks every parameter, undeclared ones as ids", () => {
    expect(parsePathParams({ studyId: "abc", version: "3" }, { version: "int" })).toEqual({ studyId: "abc", version: 3 });
    expect(parsePathParams({ studyId: "a.c", version: "3" }, { version: "int" })).toBeNull();
    expect(parsePathParams({ studyId: "abc", version: "0x1" }, { version: "int" })).toBeNull();
    expect(parsePathParams({ studyId: ["a", "b"] }, {})).toBeNull();
    expect(parsePathParams({}, { version: "int" })).toBeNull();
  });
});
