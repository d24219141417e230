import { z } from "zod";
import { ZEmail, ZRole } from "@/lib/validation/auth";
import { ZPassword } from "@/lib/validation/user";
import { requiredText } from "@/lib/validation/text";

/** `npm run user:create` input; the same e-mail, role and password rules as the web form. */
export const ZCreateAccount = z
  .object({
    email: ZEmail,
    role: ZRole,
    name: requiredText(200).optional(),
    organization: requiredText(200).optional(),
    sites: z.array(requiredText(20)).max(100).default([]),
    password: ZPassword,
  })
  .superRefine((account, ctx) => {
    if (account.role === "INVESTIGATOR" && account.sites.length === 0) {
      ctx.addIssue({ code: "custom", path: ["sites"], message: "an investigator needs at least one --site CODE" });
    }
  });
export type TCreateAccount = z.infer<typeof ZCreateAccount>;
