"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** CDE §2.2.3: a product without LTFU needs the sponsor's justification and the regulator communication. */
export function NoLtfuJustification({ productId, justification, communication, action }: { productId: string; justification: string | null; communication: string | null; action: FormAction<unknown> }) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={t("products.noLtfuTitle")} className="card flex flex-col gap-3" saved={t("products.justificationSaved")}>
      <h2 className="text-lg font-semibold">{t("products.noLtfuTitle")}</h2>
      <input type="hidden" name="productId" value={productId} />
      <Field name="noLtfuJustification" label={t("products.noLtfuJustification")}>
        <textarea rows={3} className="input" defaultValue={justification ?? ""} />
      </Field>
      <Field name="regulatorCommunication" label={t("products.regulatorCommunication")}>
        <textarea rows={2} className="input" defaultValue={communication ?? ""} />
      </Field>
      <div>
        <SubmitButton>{t("products.saveJustification")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
