"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { translateFieldError } from "@/lib/i18n/field-errors";
import { ZSignIn } from "@/lib/validation/auth";

export function LoginForm() {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = ZSignIn.safeParse({ email: form.get("email"), password: form.get("password") });
    setFailed(false);
    if (!parsed.success) {
      setFieldErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), translateFieldError(locale, issue.message)])));
      return;
    }
    setFieldErrors({});
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    setPending(false);
    if (!result || result.error) {
      setFailed(true);
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div>
        <label className="label" htmlFor="email">
          {t("login.email")}
        </label>
        <input id="email" name="email" type="email" autoComplete="username" className="input" aria-invalid={Boolean(fieldErrors.email)} aria-describedby={fieldErrors.email ? "email-error" : undefined} />
        {fieldErrors.email ? (
          <p id="email-error" className="field-error">
            {t("login.email")}: {fieldErrors.email}
          </p>
        ) : null}
      </div>
      <div>
        <label className="label" htmlFor="password">
          {t("login.password")}
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" className="input" aria-invalid={Boolean(fieldErrors.password)} aria-describedby={fieldErrors.password ? "password-error" : undefined} />
        {fieldErrors.password ? (
          <p id="password-error" className="field-error">
            {t("login.password")}: {fieldErrors.password}
          </p>
        ) : null}
      </div>
      {failed ? (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800" data-testid="login-error">
          {t("login.failed")}
        </p>
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? t("common.loading") : t("login.submit")}
      </button>
    </form>
  );
}
