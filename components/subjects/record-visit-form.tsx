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
 * One checklist item answered yes or no. Nothing is chosen on a new record (an answer nobody gave
 * is not a record): the hidden empty input before the radios posts "", which the schema refuses
 * by name until one is chosen. A correction starts from the recorded answer.
 */
function YesNo({ name, legend, initial }: { name: "history" | "physicalExam" | "labs"; legend: string; initial: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <FieldSet name={`assessments.${name}`} legend={legend} className="flex flex-wrap items-center gap-4 text-sm">
      <input type="hidden" name={`assessments.${name}`} value="" />
      {([true, false] as const).map((answer) => (
        <label key={String(answer)} className="flex items-center gap-1">
          <input type="radio" name={`assessments.${name}`} value={String(answer)} defaultChecked={initial === answer} /> {t(answer ? "common.yes" : "common.no")}
        </label>
      ))}
    </FieldSet>
  );
}

/**
 * The §2.3.2 checklist inputs, pre-filled from a record when correcting it and empty on a new
 * one. They are named `assessments.<field>`, so the schema reads them into the nested object
 * (shared by recording and correcting).
 */
export function AssessmentFields({ initial }: { initial?: Partial<TAssessments> | null }) {
  const { t } = useI18n();
  const diseases = new Set((initial?.newOrWorsenedDisease ?? []).map((d) => d.category));
  return (
    <FieldSet name="assessments" legend={t("visits.assessments")} className="grid gap-3 sm:col-span-2">
      <YesNo name="history" legend={t("visits.history")} initial={initial?.history} />
      <Field id="visit-drug-exposure" name="assessments.drugExposure" label={t("visits.drugExposure")} hint={t("visits.drugExposureHint")}>
        <input className="input" defaultValue={initial?.drugExposure ?? ""} />
      </Field>
      <FieldSet name="assessments.newOrWorsenedDisease" legend={t("visits.newOrWorsenedDisease")} className="flex flex-wrap gap-3 text-sm">
        {DISEASE_CATEGORIES.map((category) => (
          <label key={category} className="flex items-center gap-1">
            <input type="checkbox" name="assessments.newOrWorsenedDisease" value={category} defaultChecked={diseases.has(category)} /> {t(`visits.disease.${category}`)}
          </label>
        ))}
      </FieldSet>
      <YesNo name="physicalExam" legend={t("visits.physicalExam")} initial={initial?.physicalExam} />
      <YesNo name="labs" legend={t("visits.labs")} initial={initial?.labs} />
      <Field id="visit-pregnancy" name="assessments.pregnancy" label={t("visits.pregnancy")}>
        <select className="input" defaultValue={initial?.pregnancy ?? ""}>
          <option value="">{t("visits.chooseAnswer")}</option>
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
