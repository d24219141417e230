"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** Disable or enable a user; the reason goes into the audit trail. */
export function UserStatusToggle({ userId, disabled, action }: { userId: string; disabled: boolean; action: FormAction<unknown> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={disabled ? t("users.enable") : t("users.disable")} className="flex flex-wrap items-end gap-2" resetOnSaved>
      <input type="hidden" name="userId" value={userId} />
      {disabled ? null : <input type="hidden" name="disabled" value="true" />}
      <Field name="reason" label={t("users.reason")}>
        <input className="input w-40" />
      </Field>
      <SubmitButton variant="secondary">{disabled ? t("users.enable") : t("users.disable")}</SubmitButton>
    </ActionForm>
  );
}
