"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { RecordVisitAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { CONTACT_MODES } from "@/lib/validation/plan-values";
import type { TContactMode } from "@/lib/validation/plan";
import { DISEASE_CATEGORIES, PREGNANCY_ANSWERS } from "@/lib/validation/subject-values";
import type { TAssessments } from "@/lib/validation/visit";

/** Read the §2.3.2 checklist fields of a form (shared by recording and correcting). */
export function readAssessments(form: FormData): TAssessments {
  return {
    history: form.get("history") === "on",
    drugExposure: String(form.get("drugExposure") ?? ""),
    newOrWorsenedDisease: form.getAll("disease").map((category) => ({ category: String(category) as (typeof DISEASE_CATEGORIES)[number] })),
    physicalExam: form.get("physicalExam") === "on",
    labs: form.get("labs") === "on",
    pregnancy: String(form.get("pregnancy") ?? "not_applicable") as TAssessments["pregnancy"],
    ...(String(form.get("notes") ?? "").trim() ? { notes: String(form.get("notes")) } : {}),
  };
}

/** The §2.3.2 checklist inputs, pre-filled from a record when correcting it. */
export function AssessmentFields({ initial, error }: { initial?: Partial<TAssessments> | null; error?: string }) {
  const { t } = useI18n();
  const diseases = new Set((initial?.newOrWorsenedDisease ?? []).map((d) => d.category));
  return (
    <fieldset className="grid gap-2 sm:col-span-2">
      <legend className="label">{t("visits.assessments")}</legend>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="history" defaultChecked={initial?.history ?? true} /> {t("visits.history")}
      </label>
      <Field id="visit-drug-exposure" label={t("visits.drugExposure")}>
        <input id="visit-drug-exposure" name="drugExposure" className="input" defaultValue={initial?.drugExposure ?? "none"} />
      </Field>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="label">{t("visits.newOrWorsenedDisease")}</legend>
        {DISEASE_CATEGORIES.map((category) => (
          <label key={category} className="flex items-center gap-1">
            <input type="checkbox" name="disease" value={category} defaultChecked={diseases.has(category)} /> {t(`visits.disease.${category}`)}
          </label>
        ))}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="physicalExam" defaultChecked={initial?.physicalExam ?? true} /> {t("visits.physicalExam")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="labs" defaultChecked={initial?.labs ?? true} /> {t("visits.labs")}
      </label>
      <Field id="visit-pregnancy" label={t("visits.pregnancy")}>
        <select id="visit-pregnancy" name="pregnancy" className="input" defaultValue={initial?.pregnancy ?? "not_applicable"}>
          {PREGNANCY_ANSWERS.map((answer) => (
            <option key={answer} value={answer}>
              {t(`visits.pregnancy.${answer}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="visit-notes" label={t("visits.notes")}>
        <textarea id="visit-notes" name="notes" className="input" rows={2} defaultValue={initial?.notes ?? ""} />
      </Field>
    </fieldset>
  );
}

/** Record a scheduled visit (completed with the checklist, or missed with a reason), or an unscheduled one. */
export function RecordVisitForm(props: { subjectId: string; visitId?: string; planVersion?: number; contactMode?: TContactMode; today: string; action: RecordVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(props.action);
  const unscheduled = props.visitId === undefined;
  const [outcome, setOutcome] = useState<"completed" | "missed">("completed");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "").trim() || undefined;
    const created = await submit({
      subjectId: props.subjectId,
      unscheduled,
      ...(unscheduled ? {} : { visitId: props.visitId, planVersion: props.planVersion }),
      status: outcome,
      date: String(form.get("date") ?? ""),
      contactMode: String(form.get("contactMode") ?? "clinic") as TContactMode,
      ...(outcome === "completed" ? { assessments: readAssessments(form) } : {}),
      reason,
    });
    if (created) router.push(`/subjects/${props.subjectId}/visits/${created.id}`);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("visits.recordTitle")}>
      {unscheduled ? null : (
        <fieldset className="flex gap-4 text-sm sm:col-span-2">
          <legend className="label">{t("visits.outcome")}</legend>
          {(["completed", "missed"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1">
              <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} /> {t(`visits.outcome.${value}`)}
            </label>
          ))}
        </fieldset>
      )}
      <Field id="visit-date" label={t("visits.date")} error={fieldErrors.date}>
        <input id="visit-date" name="date" type="date" max={props.today} className="input" />
      </Field>
      <Field id="visit-contact" label={t("visits.contactMode")} error={fieldErrors.contactMode}>
        <select id="visit-contact" name="contactMode" className="input" defaultValue={props.contactMode ?? "clinic"}>
          {CONTACT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`visits.contactMode.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
      {outcome === "completed" ? <AssessmentFields error={fieldErrors.assessments} /> : null}
      {outcome === "missed" || unscheduled ? (
        <Field id="visit-reason" label={t("visits.reason")} error={fieldErrors.reason}>
          <textarea id="visit-reason" name="reason" className="input" rows={2} />
        </Field>
      ) : null}
      {formError || fieldErrors.visitId ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError ?? fieldErrors.visitId}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : t("visits.save")}
        </button>
      </div>
    </form>
  );
}
