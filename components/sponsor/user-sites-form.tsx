"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** Reassign an investigator's sites; the reason goes into the audit trail. */
export function UserSitesForm({
  userId,
  email,
  sites,
  selected,
  action,
}: {
  userId: string;
  email: string;
  sites: { id: string; code: string; name: string }[];
  selected: string[];
  action: FormAction<unknown>;
}) {
  const { t } = useI18n();
  return (
    <details>
      <summary className="cursor-pointer text-sm underline">{t("users.changeSites")}</summary>
      <ActionForm action={action} label={t("users.changeSitesOf", { email })} className="mt-2 flex flex-col gap-2" saved={t("users.updated")}>
        <input type="hidden" name="userId" value={userId} />
        <SiteCheckboxes legend={t("users.sites")} sites={sites} selected={selected} />
        <Field name="reason" label={t("users.reason")}>
          <input className="input" />
        </Field>
        <SubmitButton variant="secondary" className="self-start">
          {t("users.saveSites")}
        </SubmitButton>
      </ActionForm>
    </details>
  );
}
