"use client";

import { useState, type FormEvent } from "react";
import { setUserSitesAction } from "@/app/(app)/sponsor/users/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
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
        <fieldset className="flex flex-wrap gap-3">
          <legend className="sr-only">{t("users.sites")}</legend>
          {sites.map((site) => (
            <label key={site.id} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="siteIds" value={site.id} defaultChecked={selected.includes(site.id)} />
              {site.code} — {site.name}
            </label>
          ))}
        </fieldset>
        <label className="label" htmlFor={`sites-reason-${userId}`}>
          {t("users.reason")}
        </label>
        <input id={`sites-reason-${userId}`} name="reason" className="input" />
        <button type="submit" className="btn-secondary self-start" disabled={pending}>
          {t("users.saveSites")}
        </button>
        {fieldErrors.siteIds || fieldErrors.reason || formError ? (
          <p role="alert" className="field-error">
            {fieldErrors.siteIds ? `${t("users.sites")}: ${fieldErrors.siteIds}` : fieldErrors.reason ? `${t("users.reason")}: ${fieldErrors.reason}` : formError}
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
