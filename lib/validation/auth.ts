import { z } from "zod";
import { requiredText, storableText } from "@/lib/validation/text";
import { ROLES } from "@/lib/validation/auth-values";

export { ROLES };

/** At most 254 characters (RFC 5321); longer input is refused before it reaches a database index. */
export const ZEmail = z
  .string()
  .max(320, { error: "enter a valid e-mail address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "enter a valid e-mail address" }).max(254, { error: "enter a valid e-mail address" }));

export const ZSignIn = z.object({
  email: ZEmail,
  password: storableText(256).min(1, { error: "enter your password" }),
});
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZRole = z.enum(ROLES);

export const ZCreateApiToken = z.object({
  name: requiredText(100, "give the token a name"),
});
export type TCreateApiToken = z.infer<typeof ZCreateApiToken>;

export const ZLocale = z.enum(["en", "zh-CN"]);
export type TLocale = z.infer<typeof ZLocale>;
