"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import { inputFromFormData } from "@/lib/validation/form-data";

/**
 * Sign-in through next-auth's credentials endpoint. The form is the shared primitive: the
 * fields are checked with the shared schema first, and a refused sign-in is one refusal of
 * the catalog (no hint whether the e-mail exists). The schema (zod) and next-auth's client load
 * when the form is submitted, not with the page.
 */
const signInWithForm: FormAction<null> = async (formData) => {
  const [{ ZSignIn }, { describeFailure }, { signIn }] = await Promise.all([import("@/lib/validation/auth"), import("@/lib/auth/failure"), import("next-auth/react")]);
  const parsed = ZSignIn.safeParse(inputFromFormData(ZSignIn, formData));
  if (!parsed.success) return { ok: false, error: describeFailure(parsed.error) };
  const result = await signIn("credentials", { ...parsed.data, redirect: false });
  if (!result || result.error) return { ok: false, error: { code: "unauthenticated", message: "Sign-in failed.", key: "refusal.signInFailed" } };
  return { ok: true, data: null };
};

export function LoginForm() {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm
      action={signInWithForm}
      label={t("login.title")}
      className="flex flex-col gap-4"
      onSaved={() => {
        router.replace("/");
        router.refresh();
      }}
    >
      <Field name="email" label={t("login.email")}>
        <input type="email" autoComplete="username" className="input" />
      </Field>
      <Field name="password" label={t("login.password")}>
        <input type="password" autoComplete="current-password" className="input" />
      </Field>
      <SubmitButton>{t("login.submit")}</SubmitButton>
    </ActionForm>
  );
}
