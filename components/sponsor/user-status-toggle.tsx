"use client";

import { useState } from "react";
import { setUserDisabledAction } from "@/app/(app)/sponsor/users/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useActionForm } from "@/components/ui/use-action-form";

/** Disable or enable a user; the reason goes into the audit trail. */
export function UserStatusToggle({ userId, disabled }: { userId: string; disabled: boolean }) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const { submit, fieldErrors, formError, pending } = useActionForm(setUserDisabledAction);
  const inputId = `reason-${userId}`;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await submit({ userId, disabled: !disabled, reason })) setReason("");
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        {t("users.reason")}
      </label>
      <input id={inputId} className="input w-40" placeholder={t("users.reason")} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {disabled ? t("users.enable") : t("users.disable")}
      </button>
      {fieldErrors.reason || formError ? (
        <span role="alert" className="field-error">
          {fieldErrors.reason ? `${t("users.reason")}: ${fieldErrors.reason}` : formError}
        </span>
      ) : null}
    </form>
  );
}
