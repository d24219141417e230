"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/auth/action";

type Reassess = (input: { productId: string; reason: string }) => Promise<ActionResult<{ version: number }>>;

/**
 * A deliberate, audited re-assessment: today's derivation becomes a new risk profile version.
 * Offered while today's engine differs (`needed`); kept mounted afterwards, so that the
 * confirmation outlives the page's refresh (which is why it keeps its own state rather than
 * the form primitive's, which unmounts with the form).
 */
export function ReassessProfile({ productId, needed, action }: { productId: string; needed: boolean; action: Reassess }) {
  const { t } = useI18n();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await submit({ productId, reason: String(form.get("reason") ?? "") });
    setSavedVersion(result ? result.version : null);
  }
  if (!needed) {
    return savedVersion !== null ? (
      <p role="status" className="card text-sm text-green-800" data-testid="reassess-profile">
        {t("snapshot.reassessed", { version: savedVersion })}
      </p>
    ) : null;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="card flex flex-col gap-3" aria-label={t("snapshot.reassessTitle")} data-testid="reassess-profile">
      <h2 className="text-lg font-semibold">{t("snapshot.reassessTitle")}</h2>
      <p className="text-sm text-slate-700">{t("snapshot.reassessHint")}</p>
      <Field id="reassess-reason" label={t("snapshot.reassessReason")} error={fieldErrors.reason}>
        <textarea id="reassess-reason" name="reason" rows={2} className="input" />
      </Field>
      {formError ? (
        <p role="alert" className="field-error">
          {formError}
        </p>
      ) : null}
      {savedVersion !== null ? (
        <p role="status" className="text-sm text-green-800">
          {t("snapshot.reassessed", { version: savedVersion })}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t("snapshot.reassessSubmit")}
        </button>
      </div>
    </form>
  );
}
