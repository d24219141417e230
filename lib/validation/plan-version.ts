import { z } from "zod";
import { ZClinicalDate } from "@/lib/validation/calendar-date";
import { ZStoredPlan } from "@/lib/validation/plan";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";

const ZId = ZRecordId;

/** Written justification per accepted violation, keyed by the violation's stable key. */
export const ZJustifications = z
  .record(requiredText(200), trimmedText(5000))
  .refine((record) => Object.keys(record).length <= 200, { error: "at most 200 justifications" });
export type TJustifications = z.infer<typeof ZJustifications>;

/** A new draft: from the engine's suggestion, or a copy of the latest version to amend. */
export const ZCreatePlanVersion = z.object({
  studyId: ZId,
  source: z.enum(["suggested", "copy_latest"]).default("suggested"),
});
export type TCreatePlanVersion = z.infer<typeof ZCreatePlanVersion>;

export const ZUpdatePlanDraft = z.object({
  id: ZId,
  plan: ZStoredPlan,
  justifications: ZJustifications.default({}),
  durationOverrideJustification: trimmedText(5000).optional(),
});
export type TUpdatePlanDraft = z.infer<typeof ZUpdatePlanDraft>;

/** Activation is an amendment (CDE §2.3.2): from an effective date, for a reason. */
export const ZActivatePlanVersion = z.object({
  id: ZId,
  effectiveDate: ZClinicalDate,
  reason: requiredText(2000, "say why this plan version is activated (initial plan, amendment…)"),
});
export type TActivatePlanVersion = z.infer<typeof ZActivatePlanVersion>;
