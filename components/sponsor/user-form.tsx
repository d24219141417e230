"use client";

import { useRef, useState, type FormEvent } from "react";
import { createUserAction } from "@/app/(app)/sponsor/users/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { ROLES } from "@/lib/validation/auth";

export function UserForm({ sites }: { sites: { id: string; code: string; name: string }[] }) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const { submit, fieldErrors, formError, pending } = useActionForm(createUserAction);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const created = await submit({
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "") as (typeof ROLES)[number],
      password: String(form.get("password") ?? ""),
      siteIds: form.getAll("siteIds").map(String),
    });
    setDone(Boolean(created));
    if (created) formRef.current?.reset();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("users.add")}>
      <h2 className="font-semibold sm:col-span-2">{t("users.add")}</h2>
      <Field id="user-email" label={t("users.email")} error={fieldErrors.email}>
        <input id="user-email" name="email" type="email" className="input" />
      </Field>
      <Field id="user-name" label={t("users.name")} error={fieldErrors.name}>
        <input id="user-name" name="name" className="input" />
      </Field>
      <Field id="user-role" label={t("users.role")} error={fieldErrors.role}>
        <select id="user-role" name="role" className="input" defaultValue="INVESTIGATOR">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="user-password" label={t("users.password")} error={fieldErrors.password} hint={t("users.passwordHint")}>
        <input id="user-password" name="password" type="password" autoComplete="new-password" className="input" />
      </Field>
      <SiteCheckboxes className="sm:col-span-2" legend={t("users.sites")} sites={sites} error={fieldErrors.siteIds} />
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {t("users.created")}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : t("common.create")}
        </button>
      </div>
    </form>
  );
}
