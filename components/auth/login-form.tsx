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

/** The callback URL as a path of this origin ("/" for anything else: no open redirect). */
function sameOriginPath(callbackUrl: string): string {
  try {
    const url = new URL(callbackUrl, window.location.origin);
    if (url.origin === window.location.origin) return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    // not a URL
  }
  return "/";
}

/**
 * With JavaScript, next-auth's client signs in and the refusal shows in place. Before hydration
 * and without JavaScript, the form is a plain POST to next-auth's credentials callback with the
 * csrf token next-auth paired with this browser's cookie (lib/auth/csrf.ts), as next-auth's own
 * sign-in page does; next-auth then redirects to the callback URL, or back here with `?error=`
 * (`refused`, the catalog message).
 */
export function LoginForm({ csrfToken, callbackUrl, refused = false }: { csrfToken: string; callbackUrl: string; refused?: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm
      action={signInWithForm}
      nativeAction="/api/auth/callback/credentials"
      initialError={refused ? t("refusal.signInFailed") : undefined}
      label={t("login.title")}
      className="flex flex-col gap-4"
      onSaved={() => {
        router.replace(sameOriginPath(callbackUrl));
        router.refresh();
      }}
    >
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
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
