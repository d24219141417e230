import { z } from "zod";
import { CONTACT_MODES, REQUIREMENT_KINDS, SAMPLE_KINDS, SAMPLE_TYPES } from "@/lib/validation/plan-values";

export { CONTACT_MODES, REQUIREMENT_KINDS, SAMPLE_KINDS, SAMPLE_TYPES };

export const ZRequirementKind = z.enum(REQUIREMENT_KINDS);
export type TRequirementKind = z.infer<typeof ZRequirementKind>;

export const ZContactMode = z.enum(CONTACT_MODES);
export type TContactMode = z.infer<typeof ZContactMode>;


export const ZPlanActivity = z.object({
  kind: ZRequirementKind,
  sampleType: z.string().min(1).max(100).optional(),
  /** The assay (e.g. "qPCR vector copy number", "integration site analysis (LAM-PCR + NGS)"); a product field beyond the contract. */
  assay: z.string().trim().min(1).max(200).optional(),
  /** The sample stands in for an inaccessible target tissue (CDE §2.4.2). */
  surrogate: z.boolean().optional(),
});
export type TPlanActivity = z.infer<typeof ZPlanActivity>;

const windowDays = z.number().int().min(0).max(183);

export const ZPlanVisit = z.object({
  id: z.string().trim().min(1).max(40),
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
    ruleSet: z.string().min(1),
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
