import { z } from "zod";
import { ZEmail, ZRole } from "@/lib/validation/auth";
import { requiredText, storableText, ZRecordId } from "@/lib/validation/text";

export const ZPassword = storableText(256).min(8, { error: "at least 8 characters" });

export const ZCreateUser = z
  .object({
    email: ZEmail,
    name: requiredText(200, "enter the user's name"),
    role: ZRole,
    password: ZPassword,
    siteIds: z.array(ZRecordId).max(500).default([]),
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
  userId: ZRecordId,
  disabled: z.boolean(),
  reason: requiredText(500, "give a reason"),
});
export type TSetUserDisabled = z.infer<typeof ZSetUserDisabled>;

/** Reassign an investigator's sites (at least one); audited with the reason. */
export const ZSetUserSites = z.object({
  userId: ZRecordId,
  siteIds: z.array(ZRecordId).min(1, { error: "an investigator must be assigned to at least one site" }).max(500),
  reason: requiredText(500, "give a reason"),
});
export type TSetUserSites = z.infer<typeof ZSetUserSites>;
