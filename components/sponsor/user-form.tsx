"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import { ROLES } from "@/lib/validation/auth-values";

export function UserForm({ sites, action }: { sites: { id: string; code: string; name: string }[]; action: FormAction<unknown> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={t("users.add")} className="card grid gap-3 sm:grid-cols-2" saved={t("users.created")} resetOnSaved>
      <h2 className="font-semibold sm:col-span-2">{t("users.add")}</h2>
      <Field name="email" label={t("users.email")}>
        <input type="email" className="input" />
      </Field>
      <Field name="name" label={t("users.name")}>
        <input className="input" />
      </Field>
      <Field name="role" label={t("users.role")}>
        <select className="input" defaultValue="INVESTIGATOR">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="password" label={t("users.password")} hint={t("users.passwordHint")}>
        <input type="password" autoComplete="new-password" className="input" />
      </Field>
      <SiteCheckboxes className="sm:col-span-2" legend={t("users.sites")} sites={sites} />
      <div className="sm:col-span-2">
        <SubmitButton>{t("common.create")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
