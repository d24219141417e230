import { describe, expect, it } from "vitest";
import { formatEscalationAction } from "@/lib/i18n/escalation";
import { en } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import { createTranslator } from "@/lib/i18n/translate";
import { CDE_2021 } from "@/lib/rules/rule-set";

const tEn = createTranslator(en);
const tZh = createTranslator(zhCN);

describe("what the guideline asks next, with its clause", () => {
  it("the issue's example, in English and in the guideline's Chinese", () => {
    const escalation = { action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.1" };
    expect(formatEscalationAction(escalation, tEn)).toBe("Confirm by retest within 3 months and analyse integration sites as soon as possible (CDE §2.4.1)");
    expect(formatEscalationAction(escalation, tZh)).toBe("应在不超过 3 个月的时间内再次检测确认，并尽快开展整合位点的分析（CDE §2.4.1）");
  });

  it.each(CDE_2021.triggers.map((trigger) => [trigger.action, trigger.citation] as const))("%s has its text in both catalogs, ending with %s", (action, citation) => {
    for (const t of [tEn, tZh]) {
      const text = formatEscalationAction({ action, citation }, t);
      expect(text).not.toContain(action);
      expect(text).toContain(citation);
    }
  });

  it("an action the catalogs do not know shows its id and clause", () => {
    expect(formatEscalationAction({ action: "new_action", citation: "CDE §9" }, tEn)).toBe("new_action (CDE §9)");
  });
});
