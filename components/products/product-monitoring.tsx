"use client";

import type { ActionResult } from "@/lib/auth/action";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";

/** The product's expected maximum of vector-positive cells (CDE §2.4.1), changed with a reason (audited); empty: not set. */
type MonitoringChange = { productId: string; expectedVectorPositivePercentMax: number | null; reason: string };

export function ProductMonitoring({ productId, expectedVectorPositivePercentMax, action }: { productId: string; expectedVectorPositivePercentMax: number | null; action: (input: MonitoringChange | FormData) => Promise<ActionResult<{ productId: string }>> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={t("product.monitoring.expectedVectorPositivePercentMax")} className="card grid gap-3 sm:grid-cols-2" saved={t("product.monitoring.saved")}>
      <input type="hidden" name="productId" value={productId} />
      <Field id="monitoring-expected-vp" name="expectedVectorPositivePercentMax" label={t("product.monitoring.expectedVectorPositivePercentMax")} hint={t("product.monitoring.hint")}>
        <input className="input" inputMode="decimal" defaultValue={expectedVectorPositivePercentMax ?? ""} />
      </Field>
      <Field id="monitoring-reason" name="reason" label={t("product.monitoring.reason")}>
        <input className="input" />
      </Field>
      <div>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
