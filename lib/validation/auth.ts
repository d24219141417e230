import { z } from "zod";
import { ROLES } from "@/lib/validation/auth-values";

export { ROLES };

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "enter a valid e-mail address" }));

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: "enter your password" }).max(256, { error: "at most 256 characters" }),
});
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZRole = z.enum(ROLES);

export const ZCreateApiToken = z.object({
  name: z.string().trim().min(1, { error: "give the token a name" }).max(100),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;

export const ZLocale = z.enum(["en", "zh-CN"]);
export type TLocale = z.infer<typeof ZLocale>;
