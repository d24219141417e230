import { z } from "zod";
import { ZEmail, ZRole } from "@/lib/validation/auth";

export const ZPassword = z.string().min(8, { error: "at least 8 characters" }).max(256, { error: "at most 256 characters" });

export const ZCreateUser = z
  .object({
    email: ZEmail,
    name: z.string().trim().min(1, { error: "enter the user's name" }).max(200),
    role: ZRole,
    password: ZPassword,
    siteIds: z.array(z.string().min(1)).default([]),
  })
  .superRefine((user, ctx) => {
    if (user.role === "INVESTIGATOR" && user.siteIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["siteIds"], message: "an investigator must be assigned to at least one site" });
    }
    if (user.role !== "INVESTIGATOR" && user.siteIds.length > 0) {
      ctx.addIssue({ code: "custom", path: ["siteIds"], message: "only investigators are assigned to sites" });
    }
  });
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZSetUserDisabled = z.object({
  userId: z.string().min(1),
  disabled: z.boolean(),
  reason: z.string().trim().min(1, { error: "give a reason" }).max(500),
});
export type TSetUserDisabled = z.infer<typeof ZSetUserDisabled>;

/** Reassign an investigator's sites (at least one); audited with the reason. */
export const ZSetUserSites = z.object({
  userId: z.string().min(1),
  siteIds: z.array(z.string().min(1)).min(1, { error: "an investigator must be assigned to at least one site" }),
  reason: z.string().trim().min(1, { error: "give a reason" }).max(500),
});
export type TSetUserSites = z.infer<typeof ZSetUserSites>;
