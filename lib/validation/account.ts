import { z } from "zod";
import { ZEmail, ZRole } from "@/lib/validation/auth";
import { ZPassword } from "@/lib/validation/user";

/** `npm run user:create` input; the same e-mail, role and password rules as the web form. */
export const ZCreateAccount = z
  .object({
    email: ZEmail,
    role: ZRole,
    name: z.string().trim().min(1).max(200).optional(),
    organization: z.string().trim().min(1).max(200).optional(),
    sites: z.array(z.string().trim().min(1)).default([]),
    password: ZPassword,
  })
  .superRefine((account, ctx) => {
    if (account.role === "INVESTIGATOR" && account.sites.length === 0) {
      ctx.addIssue({ code: "custom", path: ["sites"], message: "an investigator needs at least one --site CODE" });
    }
  });
export type TCreateAccount = z.infer<typeof ZCreateAccount>;
