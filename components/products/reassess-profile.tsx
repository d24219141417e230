"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** A deliberate, audited re-assessment: today's derivation becomes a new risk profile version. */
export function ReassessProfile({ productId, action }: { productId: string; action: FormAction<{ version: number }> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={t("snapshot.reassessTitle")} className="card flex flex-col gap-3" saved={(data) => t("snapshot.reassessed", { version: data.version })} testId="reassess-profile">
      <h2 className="text-lg font-semibold">{t("snapshot.reassessTitle")}</h2>
      <p className="text-sm text-slate-700">{t("snapshot.reassessHint")}</p>
      <input type="hidden" name="productId" value={productId} />
      <Field name="reason" label={t("snapshot.reassessReason")}>
        <textarea rows={2} className="input" />
      </Field>
      <div>
        <SubmitButton>{t("snapshot.reassessSubmit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
