"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/**
 * A deliberate, audited re-assessment: today's derivation becomes a new risk profile version.
 * Offered while today's engine differs (`needed`); kept mounted afterwards, so that the
 * confirmation outlives the page's refresh.
 */
export function ReassessProfile({ productId, needed, action }: { productId: string; needed: boolean; action: FormAction<{ version: number }> }) {
  const { t } = useI18n();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  // The action's answer and the revalidated page (where `needed` is false) arrive in one
  // transition: the form unmounts before an `onSaved` effect could run, so the saved version
  // is kept from inside the action, in that same transition.
  const reassess: FormAction<{ version: number }> = async (formData) => {
    const result = await action(formData);
    if (result.ok) setSavedVersion(result.data.version);
    return result;
  };
  if (!needed) {
    return savedVersion !== null ? (
      <p role="status" className="card text-sm text-green-800" data-testid="reassess-profile">
        {t("snapshot.reassessed", { version: savedVersion })}
      </p>
    ) : null;
  }
  return (
    <ActionForm
      action={reassess}
      label={t("snapshot.reassessTitle")}
      className="card flex flex-col gap-3"
      saved={(data) => t("snapshot.reassessed", { version: data.version })}
      testId="reassess-profile"
    >
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
