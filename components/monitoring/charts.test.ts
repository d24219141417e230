import { describe, expect, it } from "vitest";
import { countAxis } from "@/components/monitoring/charts";

describe("countAxis", () => {
  it("gives whole, distinct ticks for small counts (two escalations were drawn as 0, 1, 1, 2, 2)", () => {
    expect(countAxis(2)).toEqual({ top: 2, ticks: [0, 1, 2] });
    expect(countAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
  });

  it("rounds larger counts to 1, 2 or 5 × 10ⁿ steps and keeps the highest bar under the top tick", () => {
    expect(countAxis(42)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(countAxis(20)).toEqual({ top: 20, ticks: [0, 5, 10, 15, 20] });
    for (const max of [1, 7, 13, 99, 100, 101, 999, 12_345]) {
      const { top, ticks } = countAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(new Set(ticks).size).toBe(ticks.length);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBe(top);
    }
  });
});
