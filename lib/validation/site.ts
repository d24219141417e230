import { z } from "zod";
import { requiredText, trimmedText, ZRecordId } from "@/lib/validation/text";

export const ZSiteBase = z.object({
  code: requiredText(20, "enter a site code")
    .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" }),
  name: requiredText(200, "enter the site name"),
  country: trimmedText(100).min(2, { error: "enter the country" }),
  principalInvestigator: trimmedText(200)
    .transform((v) => v || undefined)
    .optional(),
});
export const ZCreateSite = ZSiteBase;
export type TCreateSite = z.infer<typeof ZCreateSite>;
export const ZUpdateSite = ZSiteBase.partial().extend({ id: ZRecordId, reason: trimmedText(500).optional() });
export type TUpdateSite = z.infer<typeof ZUpdateSite>;
