import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "ltfu-cmd-"));
const LENTI = { platform: "lentivirus", exVivo: true, route: "intravenous", geneEditing: false, replicationCompetent: false, latency: false, integrationEnhanced: false, germlineDistribution: false, targetTissueAccessible: true };

/** Runs a contract command as a sponsor's script would: `npm run --silent <name> -- <file|->`. */
function run(name: string, input: unknown, viaStdin = false) {
  const file = path.join(dir, `${name}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof input === "string" ? input : JSON.stringify(input));
  return spawnSync("npm", ["run", "--silent", name, "--", viaStdin ? "-" : file], {
    cwd: root,
    encoding: "utf8",
    input: viaStdin ? (typeof input === "string" ? input : JSON.stringify(input)) : undefined,
  });
}

describe("contract commands", { timeout: 30_000 }, () => {
  it("ltfu-plan: valid profile → the derivation on stdout, exit 0; unknown fields ignored", () => {
    const result = run("ltfu-plan", { ...LENTI, name: "CAR-T X", notes: "ignored" });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ltfuRequired: true, durationYears: 15, extendUntilNoRisk: true });
  });

  it("ltfu-plan: an unknown enum value → exit 2, the field named on stderr, nothing on stdout", () => {
    const result = run("ltfu-plan", { ...LENTI, platform: "retro" }, true);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("platform");
  });

  it("ltfu-suggest: a plan ltfu-validate accepts", () => {
    const suggested = run("ltfu-suggest", LENTI);
    expect(suggested.status).toBe(0);
    const validated = run("ltfu-validate", { profile: LENTI, plan: JSON.parse(suggested.stdout) });
    expect(validated.status).toBe(0);
    expect(JSON.parse(validated.stdout)).toEqual({ valid: true, ruleSet: "CDE-2021", violations: [] });
  });

  it("ltfu-validate: violations are an answer (exit 0); a duplicate visit id or a wrong type is bad input (exit 2)", () => {
    const plan = { ruleSet: "CDE-2021", durationMonths: 180, visits: [{ id: "M12", offsetMonths: 12, windowDaysBefore: 14, windowDaysAfter: 14, contactMode: "phone", activities: [{ kind: "clinical_visit" }] }] };
    const answer = run("ltfu-validate", { profile: LENTI, plan });
    expect(answer.status).toBe(0);
    expect(JSON.parse(answer.stdout).violations.map((v: { code: string }) => v.code)).toContain("in_person_activity_on_remote_contact");

    const duplicate = run("ltfu-validate", { profile: LENTI, plan: { ...plan, visits: [plan.visits[0], plan.visits[0]] } });
    expect(duplicate.status).toBe(2);
    expect(duplicate.stdout).toBe("");
    expect(duplicate.stderr).toContain("plan.visits[1].id");

    const wrongType = run("ltfu-validate", { profile: LENTI, plan: { ...plan, durationMonths: "180" } });
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain("plan.durationMonths");

    const notJson = run("ltfu-validate", "{ not json");
    expect(notJson.status).toBe(2);
    expect(notJson.stdout).toBe("");
  });
});
