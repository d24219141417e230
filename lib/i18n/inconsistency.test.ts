import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { arbProfile } from "@/lib/rules/test-profiles";
import { defaultFactorsFor, listProfileInconsistencies, RISK_FACTORS, type TRiskFactors } from "@/lib/validation/product";

describe("profile/factor inconsistencies have their text in both languages", () => {
  it("every factor the check can flag, either way, has its reason in the en and zh-CN catalogs", () => {
    const flagged = new Set<string>();
    const allPresent = Object.fromEntries(RISK_FACTORS.map((id) => [id, { status: "present", rationale: "", evidence: [] }])) as unknown as TRiskFactors;
    fc.assert(
      fc.property(arbProfile, (profile) => {
        const blank = Object.fromEntries(RISK_FACTORS.map((id) => [id, { status: "absent", rationale: "", evidence: [] }])) as unknown as TRiskFactors;
        for (const issue of [...listProfileInconsistencies(profile, blank), ...listProfileInconsistencies(profile, allPresent)]) flagged.add(issue.factor);
        expect(listProfileInconsistencies(profile, defaultFactorsFor(profile))).toEqual([]);
      }),
      { numRuns: 300 },
    );
    expect(flagged.size).toBeGreaterThanOrEqual(6);
    for (const factor of flagged) {
      expect(Object.keys(en)).toContain(`products.inconsistency.because.${factor}`);
      expect(Object.keys(zhCN)).toContain(`products.inconsistency.because.${factor}`);
    }
  });
});
