import type { MessageKey } from "@/lib/i18n/messages/en";
import type { Translate } from "@/lib/i18n/translate";
import type { Violation } from "@/lib/rules/validate-plan";
import type { TPlan } from "@/lib/validation/plan";

/**
 * A plan violation's message in the reader's language, from its structured fields (the
 * contract's `message` is the English text; a test holds the English rendering equal to it).
 * Visit violations read the visit from the plan they were found in.
 */
export function formatViolation(violation: Violation, t: Translate, plan: TPlan): string {
  switch (violation.code) {
    case "coverage_gap":
      return t("violationMessage.coverage_gap", {
        kind: t(`violationKind.${violation.kind}` as MessageKey),
        length: violation.gapToMonth - violation.gapFromMonth,
        gapFrom: violation.gapFromMonth,
        gapTo: violation.gapToMonth,
        from: violation.fromMonth,
        to: violation.toMonth,
        max: violation.maxIntervalMonths,
        citation: violation.citation,
      });
    case "duration_shorter_than_derived":
      return t("violationMessage.duration_shorter_than_derived", {
        duration: violation.durationMonths,
        derived: violation.derivedMonths,
        years: violation.derivedMonths / 12,
        citation: violation.citation,
      });
    case "visit_after_period_end":
    case "in_person_activity_on_remote_contact": {
      const visits = plan.visits.filter((v) => v.id === violation.visitId);
      if (visits.length !== 1) return violation.message;
      const visit = visits[0]!;
      return t(`violationMessage.${violation.code}`, {
        visitId: visit.id,
        offset: visit.offsetMonths,
        duration: plan.durationMonths,
        mode: t(`contactLower.${visit.contactMode}` as MessageKey),
        citation: violation.citation,
      });
    }
  }
}
