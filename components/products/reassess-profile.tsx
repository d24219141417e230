"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/action";

type Reassess = (input: { productId: string; reason: string } | FormData) => Promise<ActionResult<{ version: number }>>;

/**
 * A deliberate, audited re-assessment: today's derivation becomes a new risk profile version.
 * Offered while today's engine differs (`needed`); the confirmation outlives the page's refresh,
 * which unmounts the form (`needed` becomes false), so it is kept here too.
 */
export function ReassessProfile({ productId, needed, action }: { productId: string; needed: boolean; action: Reassess }) {
  const { t } = useI18n();
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  if (!needed) {
    return savedVersion !== null ? (
      <p role="status" className="card text-sm text-green-800" data-testid="reassess-profile">
        {t("snapshot.reassessed", { version: savedVersion })}
      </p>
    ) : null;
  }
  return (
    <ActionForm action={action} label={t("snapshot.reassessTitle")} className="card flex flex-col gap-3" testId="reassess-profile" onSaved={(saved) => setSavedVersion(saved.version)} saved={(saved) => t("snapshot.reassessed", { version: saved.version })}>
      <input type="hidden" name="productId" value={productId} />
      <h2 className="text-lg font-semibold">{t("snapshot.reassessTitle")}</h2>
      <p className="text-sm text-slate-700">{t("snapshot.reassessHint")}</p>
      <Field id="reassess-reason" name="reason" label={t("snapshot.reassessReason")}>
        <textarea rows={2} className="input" />
      </Field>
      <div>
        <SubmitButton>{t("snapshot.reassessSubmit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
