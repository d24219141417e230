import { z } from "zod";
import { STUDY_PHASES } from "@/lib/validation/study-values";

export { STUDY_PHASES };

export const ZStudyPhase = z.enum(STUDY_PHASES);

/** Rule sets the engine knows; a study answers to one (CDE-2021 today). */
export const ZRuleSetId = z.enum(["CDE-2021"]);

const ZId = z.string().trim().min(1);

export const ZStudyBase = z.object({
  protocolNumber: z.string().trim().min(1, { error: "enter the protocol number" }).max(60),
  title: z.string().trim().min(1, { error: "enter the study title" }).max(300),
  phase: ZStudyPhase,
  productId: ZId,
  ruleSet: ZRuleSetId.default("CDE-2021"),
});

export const ZCreateStudy = ZStudyBase.extend({
  siteIds: z.array(ZId).default([]),
});
export type TCreateStudy = z.infer<typeof ZCreateStudy>;

export const ZUpdateStudy = ZStudyBase.omit({ productId: true, ruleSet: true })
  .partial()
  .extend({ id: ZId, reason: z.string().trim().max(500).optional() });
export type TUpdateStudy = z.infer<typeof ZUpdateStudy>;

export const ZSetStudySites = z.object({ studyId: ZId, siteIds: z.array(ZId), reason: z.string().trim().max(500).optional() });
export type TSetStudySites = z.infer<typeof ZSetStudySites>;

export const ZSetStudyMembers = z.object({ studyId: ZId, userIds: z.array(ZId), reason: z.string().trim().max(500).optional() });
export type TSetStudyMembers = z.infer<typeof ZSetStudyMembers>;
