import { z } from "zod";

export const ZSiteBase = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: "enter a site code" })
    .max(20, { error: "at most 20 characters" })
    .regex(/^[A-Za-z0-9_-]+$/, { error: "letters, digits, - and _ only" }),
  name: z.string().trim().min(1, { error: "enter the site name" }).max(200),
  country: z.string().trim().min(2, { error: "enter the country" }).max(100),
  principalInvestigator: z
    .string()
    .trim()
    .max(200)
    .transform((v) => v || undefined)
    .optional(),
});
export const ZCreateSite = ZSiteBase;
export type TCreateSite = z.infer<typeof ZCreateSite>;
export const ZUpdateSite = ZSiteBase.partial().extend({ id: z.string().min(1), reason: z.string().trim().max(500).optional() });
export type TUpdateSite = z.infer<typeof ZUpdateSite>;
