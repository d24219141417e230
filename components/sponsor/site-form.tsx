"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

type SiteValues = { id: string; code: string; name: string; country: string; principalInvestigator: string | null };

/** Add a site, or (with `site`) edit one: the change and its reason go into the audit trail. */
export function SiteForm({ site, action }: { site?: SiteValues; action: FormAction<unknown> }) {
  const { t } = useI18n();
  const title = site ? t("sites.editTitle", { code: site.code }) : t("sites.add");
  return (
    <ActionForm action={action} label={title} className="card grid gap-3 sm:grid-cols-2" saved={site ? t("sites.updated") : t("sites.created")} resetOnSaved={!site}>
      <h2 className="font-semibold sm:col-span-2">{title}</h2>
      {site ? <input type="hidden" name="id" value={site.id} /> : null}
      <Field name="code" label={t("sites.code")}>
        <input className="input" defaultValue={site?.code} />
      </Field>
      <Field name="name" label={t("sites.name")}>
        <input className="input" defaultValue={site?.name} />
      </Field>
      <Field name="country" label={t("sites.country")}>
        <input className="input" defaultValue={site?.country} />
      </Field>
      <Field name="principalInvestigator" label={t("sites.pi")}>
        <input className="input" defaultValue={site?.principalInvestigator ?? ""} />
      </Field>
      {site ? (
        <Field name="reason" label={t("users.reason")}>
          <input className="input" />
        </Field>
      ) : null}
      <div className="sm:col-span-2">
        <SubmitButton>{site ? t("common.save") : t("common.create")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
