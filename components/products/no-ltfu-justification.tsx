"use client";

import { useState, type FormEvent } from "react";
import { setNoLtfuJustificationAction } from "@/app/(app)/sponsor/products/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

/** CDE §2.2.3: a product without LTFU needs the sponsor's justification and the regulator communication. */
export function NoLtfuJustification({ productId, justification, communication }: { productId: string; justification: string | null; communication: string | null }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const { submit, fieldErrors, formError, pending } = useActionForm(setNoLtfuJustificationAction);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(Boolean(await submit({ productId, noLtfuJustification: String(form.get("justification") ?? ""), regulatorCommunication: String(form.get("communication") ?? "") })));
  }
  return (
    <form onSubmit={onSubmit} noValidate className="card flex flex-col gap-3" aria-label={t("products.noLtfuTitle")}>
      <h2 className="text-lg font-semibold">{t("products.noLtfuTitle")}</h2>
      <Field id="no-ltfu-justification" label={t("products.noLtfuJustification")} error={fieldErrors.noLtfuJustification}>
        <textarea id="no-ltfu-justification" name="justification" rows={3} className="input" defaultValue={justification ?? ""} />
      </Field>
      <Field id="no-ltfu-communication" label={t("products.regulatorCommunication")} error={fieldErrors.regulatorCommunication}>
        <textarea id="no-ltfu-communication" name="communication" rows={2} className="input" defaultValue={communication ?? ""} />
      </Field>
      {formError ? (
        <p role="alert" className="field-error">
          {formError}
        </p>
      ) : null}
      {saved ? (
        <p role="status" className="text-sm text-green-800">
          {t("products.justificationSaved")}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t("products.saveJustification")}
        </button>
      </div>
    </form>
  );
}
