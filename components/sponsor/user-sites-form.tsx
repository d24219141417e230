"use client";

import { useState, type FormEvent } from "react";
import { setUserSitesAction } from "@/app/(app)/sponsor/users/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

/** Reassign an investigator's sites; the reason goes into the audit trail. */
export function UserSitesForm({ userId, email, sites, selected }: { userId: string; email: string; sites: { id: string; code: string; name: string }[]; selected: string[] }) {
  const { t } = useI18n();
  const { submit, fieldErrors, formError, pending } = useActionForm(setUserSitesAction);
  const [saved, setSaved] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(false);
    const result = await submit({ userId, siteIds: form.getAll("siteIds").map(String), reason: String(form.get("reason") ?? "") });
    if (result) setSaved(true);
  }
  return (
    <details>
      <summary className="cursor-pointer text-sm underline">{t("users.changeSites")}</summary>
      <form onSubmit={onSubmit} noValidate className="mt-2 flex flex-col gap-2" aria-label={t("users.changeSitesOf", { email })}>
        <SiteCheckboxes legend={t("users.sites")} sites={sites} selected={selected} error={fieldErrors.siteIds} />
        <Field id={`sites-reason-${userId}`} label={t("users.reason")} error={fieldErrors.reason}>
          <input id={`sites-reason-${userId}`} name="reason" className="input" />
        </Field>
        <button type="submit" className="btn-secondary self-start" disabled={pending}>
          {t("users.saveSites")}
        </button>
        {formError ? (
          <p role="alert" className="field-error">
            {formError}
          </p>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-green-800">
            {t("users.updated")}
          </p>
        ) : null}
      </form>
    </details>
  );
}
