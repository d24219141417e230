import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "ltfu-schedule-"));
const plan = { ruleSet: "CDE-2021", durationMonths: 60, visits: [{ id: "M12", offsetMonths: 12, windowDaysBefore: 14, windowDaysAfter: 14, contactMode: "clinic", activities: [{ kind: "clinical_visit" }, { kind: "persistence_sampling", sampleType: "peripheral_blood" }] }] };
const valid = { dosingDate: "2024-02-29", asOf: "2025-09-01", planVersions: [{ version: 1, effectiveDate: "2023-12-01", plan }], records: [], subject: { status: "active" } };
const expected = {
  followUpEnd: "2029-02-28",
  visits: [{ visitId: "M12", planVersion: 1, offsetMonths: 12, targetDate: "2025-02-28", windowStart: "2025-02-14", windowEnd: "2025-03-14", contactMode: "clinic", activities: ["clinical_visit", "persistence_sampling"], status: "overdue" }],
};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? root, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

function writeInput(input: unknown): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  return file;
}

// `node --import tsx` runs the command in one process (~0.5 s); `npx tsx` and `npm run` each
// add a launcher process, so only one test goes through the contract's `npm run` form.
const runCommand = (source: string, stdin?: string) => run(process.execPath, ["--import", "tsx", "lib/cli/ltfu-schedule.ts", source], { stdin });

describe("ltfu-schedule command", { timeout: 30_000 }, () => {
  it.concurrent("the contract's form: npm run --silent ltfu-schedule -- FILE, the path relative to where it is run → the schedule, exit 0", async () => {
    const file = writeInput(valid);
    const result = await run("npm", ["run", "--silent", "--prefix", root, "ltfu-schedule", "--", path.basename(file)], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it.concurrent("standard input (-) → the schedule, exit 0", async () => {
    const result = await runCommand("-", JSON.stringify(valid));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it.concurrent.each([
    ["dosingDate", { ...valid, dosingDate: "2025-02-30" }],
    ["asOf", { ...valid, asOf: undefined }],
    ["planVersions[0].plan.visits[0].offsetMonths", { ...valid, planVersions: [{ ...valid.planVersions[0], plan: { ...plan, visits: [{ ...plan.visits[0], offsetMonths: 0 }] } }] }],
    ["records[0].visitId", { ...valid, records: [{ visitId: "M99", planVersion: 1, status: "completed", date: "2025-02-20" }] }],
  ])("bad input → exit 2 naming %s on stderr, nothing on stdout", async (field, input) => {
    const result = await runCommand(writeInput(input));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(field);
  });
});
