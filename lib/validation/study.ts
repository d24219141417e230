import { z } from "zod";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";
import { STUDY_PHASES } from "@/lib/validation/study-values";

export { STUDY_PHASES };

export const ZStudyPhase = z.enum(STUDY_PHASES);

/** Rule sets the engine knows; a study answers to one (CDE-2021 today). */
export const ZRuleSetId = z.enum(["CDE-2021"]);

const ZId = ZRecordId;
const ZReason = trimmedText(500);

export const ZStudyBase = z.object({
  protocolNumber: requiredText(60, "enter the protocol number"),
  title: requiredText(300, "enter the study title"),
  phase: ZStudyPhase,
  productId: ZId,
  ruleSet: ZRuleSetId.default("CDE-2021"),
});

export const ZCreateStudy = ZStudyBase.extend({
  siteIds: z.array(ZId).max(500).default([]),
});
export type TCreateStudy = z.infer<typeof ZCreateStudy>;

export const ZUpdateStudy = ZStudyBase.omit({ productId: true, ruleSet: true })
  .partial()
  .extend({ id: ZId, reason: ZReason.optional() });
export type TUpdateStudy = z.infer<typeof ZUpdateStudy>;

export const ZSetStudySites = z.object({ studyId: ZId, siteIds: z.array(ZId).max(500), reason: ZReason.optional() });
export type TSetStudySites = z.infer<typeof ZSetStudySites>;

export const ZSetStudyMembers = z.object({ studyId: ZId, userIds: z.array(ZId).max(1000), reason: ZReason.optional() });
export type TSetStudyMembers = z.infer<typeof ZSetStudyMembers>;
