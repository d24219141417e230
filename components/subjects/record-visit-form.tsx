"use client";

import { useRouter } from "next/navigation";
import type { RecordVisitAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field, FieldSet } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import { CONTACT_MODES } from "@/lib/validation/plan-values";
import type { TContactMode } from "@/lib/validation/plan";
import { DISEASE_CATEGORIES, PREGNANCY_ANSWERS } from "@/lib/validation/subject-values";
import type { TAssessments } from "@/lib/validation/visit";

/**
 * The §2.3.2 checklist inputs, pre-filled from a record when correcting it. They are named
 * `assessments.<field>`, so the schema reads them into the nested object (shared by recording
 * and correcting).
 */
export function AssessmentFields({ initial }: { initial?: Partial<TAssessments> | null }) {
  const { t } = useI18n();
  const diseases = new Set((initial?.newOrWorsenedDisease ?? []).map((d) => d.category));
  return (
    <FieldSet name="assessments" legend={t("visits.assessments")} className="grid gap-2 sm:col-span-2">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="assessments.history" defaultChecked={initial?.history ?? true} /> {t("visits.history")}
      </label>
      <Field id="visit-drug-exposure" name="assessments.drugExposure" label={t("visits.drugExposure")}>
        <input className="input" defaultValue={initial?.drugExposure ?? t("visits.drugExposureNone")} />
      </Field>
      <FieldSet name="assessments.newOrWorsenedDisease" legend={t("visits.newOrWorsenedDisease")} className="flex flex-wrap gap-3 text-sm">
        {DISEASE_CATEGORIES.map((category) => (
          <label key={category} className="flex items-center gap-1">
            <input type="checkbox" name="assessments.newOrWorsenedDisease" value={category} defaultChecked={diseases.has(category)} /> {t(`visits.disease.${category}`)}
          </label>
        ))}
      </FieldSet>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="assessments.physicalExam" defaultChecked={initial?.physicalExam ?? true} /> {t("visits.physicalExam")}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="assessments.labs" defaultChecked={initial?.labs ?? true} /> {t("visits.labs")}
      </label>
      <Field id="visit-pregnancy" name="assessments.pregnancy" label={t("visits.pregnancy")}>
        <select className="input" defaultValue={initial?.pregnancy ?? "not_applicable"}>
          {PREGNANCY_ANSWERS.map((answer) => (
            <option key={answer} value={answer}>
              {t(`visits.pregnancy.${answer}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="visit-notes" name="assessments.notes" label={t("visits.notes")}>
        <textarea className="input" rows={2} defaultValue={initial?.notes ?? ""} />
      </Field>
    </FieldSet>
  );
}

/**
 * Record a scheduled visit (completed with the checklist, or missed with a reason), or an
 * unscheduled one (checklist and reason). The outcome radio shows the checklist or the reason
 * through CSS (`.record-visit` in app/globals.css, `:has()`), not through React state, so the form
 * works the same with JavaScript off; the server drops the checklist a missed visit posts
 * (lib/validation/visit.ts).
 */
export function RecordVisitForm(props: { subjectId: string; visitId?: string; planVersion?: number; contactMode?: TContactMode; today: string; action: RecordVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const unscheduled = props.visitId === undefined;

  return (
    <ActionForm
      action={props.action}
      label={t("visits.recordTitle")}
      className="record-visit card grid gap-3 sm:grid-cols-2"
      onSaved={(created) => router.push(`/subjects/${props.subjectId}/visits/${created.id}`)}
      saved={(created) => <a href={`/subjects/${props.subjectId}/visits/${created.id}`}>{t("visits.recordedOpen")}</a>}
      testId="record-visit-form"
    >
      <input type="hidden" name="subjectId" value={props.subjectId} />
      {unscheduled ? (
        <input type="hidden" name="unscheduled" value="true" />
      ) : (
        <>
          <input type="hidden" name="visitId" value={props.visitId} />
          {props.planVersion !== undefined ? <input type="hidden" name="planVersion" value={props.planVersion} /> : null}
          <FieldSet name="status" legend={t("visits.outcome")} className="flex gap-4 text-sm sm:col-span-2">
            {(["completed", "missed"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1">
                <input type="radio" name="status" value={value} defaultChecked={value === "completed"} /> {t(`visits.outcome.${value}`)}
              </label>
            ))}
          </FieldSet>
        </>
      )}
      <Field id="visit-date" name="date" label={t("visits.date")}>
        <input type="date" max={props.today} className="input" />
      </Field>
      <Field id="visit-contact" name="contactMode" label={t("visits.contactMode")}>
        <select className="input" defaultValue={props.contactMode ?? "clinic"}>
          {CONTACT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`visits.contactMode.${mode}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="visit-if-completed sm:col-span-2">
        <AssessmentFields />
      </div>
      <div className="visit-if-missed">
        <Field id="visit-reason" name="reason" label={t("visits.reason")}>
          <textarea className="input" rows={2} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <SubmitButton>{t("visits.save")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
