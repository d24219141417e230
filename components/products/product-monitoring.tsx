"use client";

import { useState, type FormEvent } from "react";
import { updateProductMonitoringAction } from "@/app/(app)/sponsor/products/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

/** The product's expected maximum of vector-positive cells (CDE §2.4.1), changed with a reason (audited). */
export function ProductMonitoring({ productId, expectedVectorPositivePercentMax }: { productId: string; expectedVectorPositivePercentMax: number | null }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const { submit, fieldErrors, formError, pending } = useActionForm(updateProductMonitoringAction);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("expectedVectorPositivePercentMax") ?? "").trim();
    setSaved(Boolean(await submit({ productId, expectedVectorPositivePercentMax: text === "" ? null : Number(text), reason: String(form.get("reason") ?? "") })));
  }
  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("product.monitoring.expectedVectorPositivePercentMax")}>
      <Field id="monitoring-expected-vp" label={t("product.monitoring.expectedVectorPositivePercentMax")} error={fieldErrors.expectedVectorPositivePercentMax} hint={t("product.monitoring.hint")}>
        <input id="monitoring-expected-vp" name="expectedVectorPositivePercentMax" className="input" inputMode="decimal" defaultValue={expectedVectorPositivePercentMax ?? ""} />
      </Field>
      <Field id="monitoring-reason" label={t("product.monitoring.reason")} error={fieldErrors.reason}>
        <input id="monitoring-reason" name="reason" className="input" />
      </Field>
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {t("product.monitoring.saved")}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t("common.save")}
        </button>
      </div>
    </form>
  );
}
