import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "ltfu-schedule-"));
const plan = { ruleSet: "CDE-2021", durationMonths: 60, visits: [{ id: "M12", offsetMonths: 12, windowDaysBefore: 14, windowDaysAfter: 14, contactMode: "clinic", activities: [{ kind: "clinical_visit" }] }] };
const valid = { dosingDate: "2024-02-29", asOf: "2025-09-01", planVersions: [{ version: 1, effectiveDate: "2023-12-01", plan }], records: [], subject: { status: "active" } };

function run(input: unknown, viaStdin = false) {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  return spawnSync("npm", ["run", "--silent", "ltfu-schedule", "--", viaStdin ? "-" : file], { cwd: root, encoding: "utf8", input: viaStdin ? JSON.stringify(input) : undefined });
}

describe("ltfu-schedule command", { timeout: 30_000 }, () => {
  it("valid input → the schedule as JSON, exit 0 (file or standard input)", () => {
    for (const viaStdin of [false, true]) {
      const result = run(valid, viaStdin);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        followUpEnd: "2029-02-28",
        visits: [{ visitId: "M12", planVersion: 1, offsetMonths: 12, targetDate: "2025-02-28", windowStart: "2025-02-14", windowEnd: "2025-03-14", contactMode: "clinic", activities: ["clinical_visit"], status: "overdue" }],
      });
    }
  });

  it.each([
    ["dosingDate", { ...valid, dosingDate: "2024-02-30" }],
    ["asOf", { ...valid, asOf: undefined }],
    ["planVersions[0].plan.visits[0].offsetMonths", { ...valid, planVersions: [{ ...valid.planVersions[0], plan: { ...plan, visits: [{ ...plan.visits[0], offsetMonths: 0 }] } }] }],
  ])("bad input → exit 2 naming %s, nothing on stdout", (field, input) => {
    const result = run(input);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(field);
  });
});
