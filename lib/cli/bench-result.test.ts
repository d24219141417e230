import { describe, expect, it } from "vitest";
import { BENCH_KEYS, checkBenchOutput } from "@/lib/cli/bench-result";

const good = { subjects: 2000, visits: 40000, dashboardP50Ms: 220.2, dashboardP95Ms: 277.5, floorP95Ms: 246.8, ratio: 1.12, worklistP95Ms: 147.5, amendmentSeconds: 3.9, concurrentP95Ms: 1278.1, concurrentErrors: 0 };
const output = (line: unknown) => `▸ measuring\ntable row\n${typeof line === "string" ? line : JSON.stringify(line)}\n`;

describe("checkBenchOutput (the bench smoke stage of npm test)", () => {
  it("passes the JSON line of a complete run", () => {
    expect(checkBenchOutput(output(good), 2000)).toEqual({ problems: [], result: good });
    expect(Object.keys(good)).toEqual([...BENCH_KEYS]);
  });

  it("fails without a JSON object as the last line", () => {
    expect(checkBenchOutput("▸ measuring the dashboard\nbench failed: boom\n", 2000).problems[0]).toMatch(/not JSON/);
    expect(checkBenchOutput(output("[1,2]"), 2000).problems).toEqual(["the last line is not a JSON object"]);
    expect(checkBenchOutput("", 2000).problems[0]).toMatch(/not JSON/);
  });

  it("names a missing, non-numeric, non-finite or extra key", () => {
    const withoutRatio = Object.fromEntries(Object.entries(good).filter(([key]) => key !== "ratio"));
    expect(checkBenchOutput(output(withoutRatio), 2000).problems).toEqual(["ratio: missing"]);
    expect(checkBenchOutput(output({ ...good, worklistP95Ms: "147" }), 2000).problems).toEqual(['worklistP95Ms: not a finite number ("147")']);
    // JSON.stringify writes NaN as null: a percentile of no measurement.
    expect(checkBenchOutput(output({ ...good, concurrentP95Ms: NaN }), 2000).problems).toEqual(["concurrentP95Ms: not a finite number (null)"]);
    expect(checkBenchOutput(output({ ...good, extra: 1 }), 2000).problems).toEqual(["extra: not a key of the benchmark line"]);
  });

  it("fails on errors under concurrent load, another program size or no visits", () => {
    expect(checkBenchOutput(output({ ...good, concurrentErrors: 3 }), 2000).problems).toEqual(["concurrentErrors: 3 requests failed under concurrent load"]);
    expect(checkBenchOutput(output(good), 100000).problems).toEqual(["subjects: 2000, expected 100000"]);
    expect(checkBenchOutput(output({ ...good, visits: 0 }), 2000).problems).toEqual(["visits: 0 scheduled visits measured"]);
  });
});
