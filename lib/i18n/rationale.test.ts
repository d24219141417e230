import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRationale } from "@/lib/i18n/rationale";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator } from "@/lib/i18n/translate";
import { deriveRequirements, explainDerivation } from "@/lib/rules/derive-requirements";
import { CDE_2021 } from "@/lib/rules/rule-set";
import { arbProfile, profileOf } from "@/lib/rules/test-profiles";

describe("rationale in the reader's language", () => {
  it("the English catalog renders exactly the contract's rationale lines, for every profile", () => {
    const t = createTranslator(en);
    fc.assert(
      fc.property(arbProfile, (profile) => {
        const lines = explainDerivation(profile).explanation.map((entry) => formatRationale(entry, t));
        expect(lines).toEqual(deriveRequirements(profile).rationale);
        expect(explainDerivation(profile).derivation).toEqual(deriveRequirements(profile));
      }),
      { numRuns: 500 },
    );
  });

  it("every characteristic of the rule set has its line in both catalogs", () => {
    for (const { id } of CDE_2021.characteristics) {
      expect(Object.keys(en)).toContain(`rationale.characteristic.${id}`);
      expect(Object.keys(zhCN)).toContain(`rationale.characteristic.${id}`);
    }
    for (const { characteristic } of CDE_2021.durations) {
      expect(Object.keys(en)).toContain(`rationale.duration.${characteristic}`);
      expect(Object.keys(zhCN)).toContain(`rationale.duration.${characteristic}`);
    }
  });

  it("renders in Chinese with the platform's label and keeps the clause", () => {
    const t = createTranslator(zhCN);
    const lines = explainDerivation(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" })).explanation.map((entry) =>
      formatRationale(entry, t, (p) => t(`platform.${p}` as never)),
    );
    expect(lines[0]).toBe("慢病毒载体具有基因组整合活性（CDE §2.2.1(1)） → 至少 15 年（CDE §2.2.3），直至数据表明不再存在任何风险（CDE §2.4.1）");
    expect(lines.join("\n")).not.toMatch(/[a-z]{4,}/);
  });
});
