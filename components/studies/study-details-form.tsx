"use client";

import { useState, type FormEvent } from "react";
import { updateStudyAction } from "@/app/(app)/studies/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { PhaseSelect } from "@/components/studies/phase-select";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { STUDY_PHASES } from "@/lib/validation/study";

/** Edit the protocol number, title and phase; the product and rule set are fixed once created. */
export function StudyDetailsForm({ study }: { study: { id: string; protocolNumber: string; title: string; phase: string } }) {
  const { t } = useI18n();
  const { submit, fieldErrors, formError, pending } = useActionForm(updateStudyAction);
  const [saved, setSaved] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(false);
    const result = await submit({
      id: study.id,
      protocolNumber: String(form.get("protocolNumber") ?? ""),
      title: String(form.get("title") ?? ""),
      phase: String(form.get("phase") ?? "") as (typeof STUDY_PHASES)[number],
      reason: String(form.get("reason") ?? ""),
    });
    if (result) setSaved(true);
  }
  return (
    <details>
      <summary className="cursor-pointer text-sm underline">{t("studies.editDetails")}</summary>
      <form onSubmit={onSubmit} noValidate className="card mt-2 grid gap-3 sm:grid-cols-2" aria-label={t("studies.editDetails")}>
        <Field id="study-edit-protocol" label={t("studies.protocolNumber")} error={fieldErrors.protocolNumber}>
          <input id="study-edit-protocol" name="protocolNumber" className="input" defaultValue={study.protocolNumber} />
        </Field>
        <Field id="study-edit-title" label={t("studies.studyTitle")} error={fieldErrors.title}>
          <input id="study-edit-title" name="title" className="input" defaultValue={study.title} />
        </Field>
        <Field id="study-edit-phase" label={t("studies.phase")} error={fieldErrors.phase}>
          <PhaseSelect id="study-edit-phase" defaultValue={study.phase} />
        </Field>
        <Field id="study-edit-reason" label={t("users.reason")} error={fieldErrors.reason}>
          <input id="study-edit-reason" name="reason" className="input" />
        </Field>
        {formError ? (
          <p role="alert" className="field-error sm:col-span-2">
            {formError}
          </p>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-green-800 sm:col-span-2">
            {t("studies.saved")}
          </p>
        ) : null}
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary" disabled={pending}>
            {t("common.save")}
          </button>
        </div>
      </form>
    </details>
  );
}
