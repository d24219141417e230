import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator } from "@/lib/i18n/translate";
import { formatViolation } from "@/lib/i18n/violation";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { arbProfile, profileOf } from "@/lib/rules/test-profiles";
import { validatePlan } from "@/lib/rules/validate-plan";
import { CONTACT_MODES, type TPlan } from "@/lib/validation/plan";

/** A suggested plan broken at random: visits dropped, contact modes changed, duration cut. */
const arbCase = arbProfile.chain((profile) => {
  const derivation = deriveRequirements(profile);
  const plan = suggestPlan(derivation);
  return fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: plan.visits.length, maxLength: plan.visits.length }),
      modes: fc.array(fc.constantFrom(...CONTACT_MODES), { minLength: plan.visits.length, maxLength: plan.visits.length }),
      cut: fc.integer({ min: 0, max: 120 }),
    })
    .map(({ keep, modes, cut }) => {
      const broken: TPlan = {
        ...plan,
        durationMonths: Math.max(1, plan.durationMonths - cut),
        visits: plan.visits.filter((_, i) => keep[i]).map((v, i) => ({ ...v, contactMode: modes[i]! })),
      };
      return { derivation, plan: broken };
    });
});

describe("plan violations in the reader's language", () => {
  it("the English catalog renders exactly the contract's message, for every violation", () => {
    const t = createTranslator(en);
    let seen = 0;
    fc.assert(
      fc.property(arbCase, ({ derivation, plan }) => {
        for (const violation of validatePlan(derivation, plan).violations) {
          seen++;
          expect(formatViolation(violation, t, plan)).toBe(violation.message);
        }
      }),
      { numRuns: 300 },
    );
    expect(seen).toBeGreaterThan(100);
  });

  it("renders each code in Chinese with its clause", () => {
    const t = createTranslator(zhCN);
    const derivation = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
    const suggested = suggestPlan(derivation);
    const plan: TPlan = {
      ...suggested,
      durationMonths: 120,
      visits: [...suggested.visits.filter((v) => v.offsetMonths !== 12), { id: "X200", offsetMonths: 200, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "phone", activities: [{ kind: "clinical_visit" }] }],
    };
    const messages = validatePlan(derivation, plan).violations.map((v) => formatViolation(v, t, plan));
    expect(messages).toContain("临床随访访视：第 0 个月至第 24 个月之间 24 个月没有安排（第 0–60 个月期间最长间隔为 12 个月）（CDE §2.3.2）");
    expect(messages).toContain("计划随访 120 个月；推导的观察时间为 180 个月（15 年），缩短观察时间需要说明理由（CDE §2.2.3）");
    expect(messages).toContain("访视 X200（第 200 个月）在计划随访期结束（第 120 个月）之后（CDE §2.2.3）");
    expect(messages).toContain("访视 X200 为电话随访，但包含需受试者到场（门诊或家访）的临床随访访视（CDE §2.3.2）");
  });
});
