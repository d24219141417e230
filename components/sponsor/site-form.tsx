"use client";

import { useRef, useState, type FormEvent } from "react";
import { createSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

export function SiteForm() {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState(false);
  const { submit, fieldErrors, formError, pending } = useActionForm(createSiteAction);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const created = await submit({
      code: String(form.get("code") ?? ""),
      name: String(form.get("name") ?? ""),
      country: String(form.get("country") ?? ""),
      principalInvestigator: String(form.get("principalInvestigator") ?? ""),
    });
    setDone(Boolean(created));
    if (created) formRef.current?.reset();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("sites.add")}>
      <h2 className="font-semibold sm:col-span-2">{t("sites.add")}</h2>
      <Field id="site-code" label={t("sites.code")} error={fieldErrors.code}>
        <input id="site-code" name="code" className="input" />
      </Field>
      <Field id="site-name" label={t("sites.name")} error={fieldErrors.name}>
        <input id="site-name" name="name" className="input" />
      </Field>
      <Field id="site-country" label={t("sites.country")} error={fieldErrors.country}>
        <input id="site-country" name="country" className="input" />
      </Field>
      <Field id="site-pi" label={t("sites.pi")} error={fieldErrors.principalInvestigator}>
        <input id="site-pi" name="principalInvestigator" className="input" />
      </Field>
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {t("sites.created")}
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
