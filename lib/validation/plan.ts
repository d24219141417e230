import { z } from "zod";
import { requiredText, storableText } from "@/lib/validation/text";
import { CONTACT_MODES, REQUIREMENT_KINDS, SAMPLE_KINDS, SAMPLE_TYPES } from "@/lib/validation/plan-values";

export { CONTACT_MODES, REQUIREMENT_KINDS, SAMPLE_KINDS, SAMPLE_TYPES };

export const ZRequirementKind = z.enum(REQUIREMENT_KINDS);
export type TRequirementKind = z.infer<typeof ZRequirementKind>;

export const ZContactMode = z.enum(CONTACT_MODES);
export type TContactMode = z.infer<typeof ZContactMode>;


export const ZPlanActivity = z.object({
  kind: ZRequirementKind,
  sampleType: storableText(100).min(1).optional(),
  /** The assay (e.g. "qPCR vector copy number", "integration site analysis (LAM-PCR + NGS)"); a product field beyond the contract. */
  assay: requiredText(200).optional(),
  /** The sample stands in for an inaccessible target tissue (CDE §2.4.2). */
  surrogate: z.boolean().optional(),
});
export type TPlanActivity = z.infer<typeof ZPlanActivity>;

const windowDays = z.number().int().min(0).max(183);


export const ZPlanVisit = z.object({
  id: requiredText(40),
  offsetMonths: z.number().int().min(1),
  windowDaysBefore: windowDays,
  windowDaysAfter: windowDays,
  contactMode: ZContactMode,
  activities: z.array(ZPlanActivity),
});
export type TPlanVisit = z.infer<typeof ZPlanVisit>;

/** An LTFU plan: the sponsor's concrete visits. Same format for engine, forms, API and schedule. */
export const ZPlan = z
  .object({
    ruleSet: storableText(100).min(1),
    durationMonths: z.number().int().min(0),
    visits: z.array(ZPlanVisit),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>();
    plan.visits.forEach((visit, index) => {
      const first = seen.get(visit.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["visits", index, "id"],
          message: `duplicate visit id "${visit.id}" (also visits[${first}].id)`,
        });
      } else {
        seen.set(visit.id, index);
      }
    });
  });
export type TPlan = z.infer<typeof ZPlan>;

/** Bounds of a stored plan: 50 years of follow-up at most, 500 visits, 30 activities per visit. */
export const MAX_DURATION_MONTHS = 600;
export const MAX_VISITS = 500;
export const MAX_ACTIVITIES_PER_VISIT = 30;

/**
 * A plan the product stores (plan version drafts). The contract format (ZPlan) leaves numbers
 * open, and the engine reports a visit after the period end as a violation; a stored plan is
 * bounded so that its page, its schedules and its dates stay finite: durationMonths ≤ 600,
 * at most 500 visits, every visit within the follow-up period.
 */
export const ZStoredPlan = ZPlan.superRefine((plan, ctx) => {
  if (plan.durationMonths > MAX_DURATION_MONTHS) ctx.addIssue({ code: "custom", path: ["durationMonths"], message: "must be at most 600 months (50 years)" });
  if (plan.visits.length > MAX_VISITS) ctx.addIssue({ code: "custom", path: ["visits"], message: "at most 500 visits" });
  plan.visits.forEach((visit, index) => {
    if (visit.offsetMonths > plan.durationMonths) {
      ctx.addIssue({ code: "custom", path: ["visits", index, "offsetMonths"], message: "must not be after the end of follow-up (durationMonths)" });
    }
    if (visit.activities.length > MAX_ACTIVITIES_PER_VISIT) ctx.addIssue({ code: "custom", path: ["visits", index, "activities"], message: "at most 30 activities per visit" });
  });
});
