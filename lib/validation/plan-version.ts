import { z } from "zod";
import { ZCalendarDate } from "@/lib/validation/calendar-date";
import { ZPlan } from "@/lib/validation/plan";

const ZId = z.string().trim().min(1);

/** Written justification per accepted violation, keyed by the violation's stable key. */
export const ZJustifications = z.record(z.string(), z.string().trim().max(5000));
export type TJustifications = z.infer<typeof ZJustifications>;

/** A new draft: from the engine's suggestion, or a copy of the latest version to amend. */
export const ZCreatePlanVersion = z.object({
  studyId: ZId,
  source: z.enum(["suggested", "copy_latest"]).default("suggested"),
});
export type TCreatePlanVersion = z.infer<typeof ZCreatePlanVersion>;

export const ZUpdatePlanDraft = z.object({
  id: ZId,
  plan: ZPlan,
  justifications: ZJustifications.default({}),
  durationOverrideJustification: z.string().trim().max(5000).optional(),
});
export type TUpdatePlanDraft = z.infer<typeof ZUpdatePlanDraft>;

/** Activation is an amendment (CDE §2.3.2): from an effective date, for a reason. */
export const ZActivatePlanVersion = z.object({
  id: ZId,
  effectiveDate: ZCalendarDate,
  reason: z.string().trim().min(1, { error: "say why this plan version is activated (initial plan, amendment…)" }).max(2000),
});
export type TActivatePlanVersion = z.infer<typeof ZActivatePlanVersion>;
