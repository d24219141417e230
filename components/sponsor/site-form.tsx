"use client";

import { useRef, useState, type FormEvent } from "react";
import { createSiteAction, updateSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

type SiteValues = { id: string; code: string; name: string; country: string; principalInvestigator: string | null };

/** Add a site, or (with `site`) edit one: the change and its reason go into the audit trail. */
export function SiteForm({ site }: { site?: SiteValues }) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const create = useActionForm(createSiteAction);
  const update = useActionForm(updateSiteAction);
  const { fieldErrors, formError, pending } = site ? update : create;
  const prefix = site ? `site-${site.id}` : "site";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = {
      code: String(form.get("code") ?? ""),
      name: String(form.get("name") ?? ""),
      country: String(form.get("country") ?? ""),
      principalInvestigator: String(form.get("principalInvestigator") ?? ""),
    };
    const saved = site ? await update.submit({ id: site.id, ...values, reason: String(form.get("reason") ?? "") }) : await create.submit(values);
    setDone(Boolean(saved));
    if (saved && !site) formRef.current?.reset();
  }

  const title = site ? t("sites.editTitle", { code: site.code }) : t("sites.add");
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={title}>
      <h2 className="font-semibold sm:col-span-2">{title}</h2>
      <Field id={`${prefix}-code`} label={t("sites.code")} error={fieldErrors.code}>
        <input id={`${prefix}-code`} name="code" className="input" defaultValue={site?.code} />
      </Field>
      <Field id={`${prefix}-name`} label={t("sites.name")} error={fieldErrors.name}>
        <input id={`${prefix}-name`} name="name" className="input" defaultValue={site?.name} />
      </Field>
      <Field id={`${prefix}-country`} label={t("sites.country")} error={fieldErrors.country}>
        <input id={`${prefix}-country`} name="country" className="input" defaultValue={site?.country} />
      </Field>
      <Field id={`${prefix}-pi`} label={t("sites.pi")} error={fieldErrors.principalInvestigator}>
        <input id={`${prefix}-pi`} name="principalInvestigator" className="input" defaultValue={site?.principalInvestigator ?? ""} />
      </Field>
      {site ? (
        <Field id={`${prefix}-reason`} label={t("users.reason")} error={fieldErrors.reason}>
          <input id={`${prefix}-reason`} name="reason" className="input" />
        </Field>
      ) : null}
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {site ? t("sites.updated") : t("sites.created")}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : site ? t("common.save") : t("common.create")}
        </button>
      </div>
    </form>
  );
}
