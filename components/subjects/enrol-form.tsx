"use client";

import { useRouter } from "next/navigation";
import type { EnrolSubjectAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import { SEXES } from "@/lib/validation/subject-values";

interface EnrollableStudy {
  id: string;
  protocolNumber: string;
  title: string;
  consentVersion: number;
  sites: { id: string; code: string; name: string }[];
}

/**
 * The fast enrolment form (CDE §2.2.2, §2.3.1, §3): one screen, the schedule follows on saving.
 * The confounders are named `confounders.<field>` (read into the nested object by the schema).
 * The study is chosen before, on the page (`?study=`, a plain GET form that works without
 * JavaScript): the sites and the consent version shown are that study's.
 */
export function EnrolForm({ study, today, action }: { study: EnrollableStudy; today: string; action: EnrolSubjectAction }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm
      action={action}
      label={t("subjects.enrol")}
      className="card grid gap-3 sm:grid-cols-2"
      onSaved={(created) => router.push(`/subjects/${created.id}`)}
      saved={(created) => <a href={`/subjects/${created.id}`}>{t("subjects.enrolled")}</a>}
      testId="enrol-form"
    >
      <p className="text-sm text-slate-600 sm:col-span-2">{t("subjects.enrolHint")}</p>
      <input type="hidden" name="studyId" value={study.id} />
      <p className="text-sm sm:col-span-2" data-testid="enrol-study">
        <span className="label">{t("subjects.study")}</span> {study.protocolNumber} — {study.title}
      </p>
      <Field id="enrol-site" name="siteId" label={t("subjects.site")}>
        <select className="input">
          {study.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.code} — {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="enrol-code" name="code" label={t("subjects.code")}>
        <input className="input" autoComplete="off" />
      </Field>
      <Field id="enrol-lot" name="lot" label={t("subjects.lot")}>
        <input className="input" autoComplete="off" />
      </Field>
      <Field id="enrol-dosing" name="dosingDate" label={t("subjects.dosingDate")}>
        <input type="date" max={today} className="input" />
      </Field>
      <Field id="enrol-yob" name="yearOfBirth" label={t("subjects.yearOfBirth")}>
        <input type="number" min={1900} max={2200} className="input" />
      </Field>
      <Field id="enrol-sex" name="sex" label={t("subjects.sex")}>
        <select className="input" defaultValue="female">
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`subjects.sex.${sex}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="enrol-consent-version" name="consentVersion" label={t("subjects.consentVersion")}>
        <input className="input" readOnly value={study.consentVersion} />
      </Field>
      <Field id="enrol-consent-date" name="consentDate" label={t("subjects.consentDate")}>
        <input type="date" max={today} className="input" />
      </Field>
      <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
        <legend className="label">{t("subjects.confounders")}</legend>
        <Field id="enrol-life" name="confounders.lifeExpectancy" label={t("subjects.lifeExpectancy")}>
          <select className="input" defaultValue="normal">
            {(["normal", "reduced", "short"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`subjects.lifeExpectancy.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="enrol-comorbidities" name="confounders.comorbidities" label={t("subjects.comorbidities")}>
          <input className="input" />
        </Field>
        <Field id="enrol-prior" name="confounders.priorTherapies" label={t("subjects.priorTherapies")}>
          <input className="input" />
        </Field>
      </fieldset>
      <div className="sm:col-span-2">
        <SubmitButton>{t("subjects.enrolSubmit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
