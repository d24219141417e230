"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { PhaseSelect } from "@/components/studies/phase-select";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** Edit the protocol number, title and phase; the product and rule set are fixed once created. */
export function StudyDetailsForm({ study, action }: { study: { id: string; protocolNumber: string; title: string; phase: string }; action: FormAction<unknown> }) {
  const { t } = useI18n();
  return (
    <details>
      <summary className="cursor-pointer text-sm underline">{t("studies.editDetails")}</summary>
      <ActionForm action={action} label={t("studies.editDetails")} className="card mt-2 grid gap-3 sm:grid-cols-2" saved={t("studies.saved")}>
        <input type="hidden" name="id" value={study.id} />
        <Field name="protocolNumber" label={t("studies.protocolNumber")}>
          <input className="input" defaultValue={study.protocolNumber} />
        </Field>
        <Field name="title" label={t("studies.studyTitle")}>
          <input className="input" defaultValue={study.title} />
        </Field>
        <Field name="phase" label={t("studies.phase")}>
          <PhaseSelect defaultValue={study.phase} />
        </Field>
        <Field name="reason" label={t("users.reason")}>
          <input className="input" />
        </Field>
        <div className="sm:col-span-2">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </ActionForm>
    </details>
  );
}
