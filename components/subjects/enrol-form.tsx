"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { EnrolSubjectAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { SEXES } from "@/lib/validation/subject-values";

interface EnrollableStudy {
  id: string;
  protocolNumber: string;
  title: string;
  consentVersion: number;
  sites: { id: string; code: string; name: string }[];
}

/** The fast enrolment form (CDE §2.2.2, §2.3.1, §3): one screen, the schedule follows on saving. */
export function EnrolForm({ studies, today, action }: { studies: EnrollableStudy[]; today: string; action: EnrolSubjectAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  const [studyId, setStudyId] = useState(studies[0]?.id ?? "");
  const study = studies.find((s) => s.id === studyId) ?? studies[0];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const optional = (name: string) => text(name).trim() || undefined;
    const created = await submit({
      studyId: text("studyId"),
      siteId: text("siteId"),
      code: text("code"),
      yearOfBirth: text("yearOfBirth") as unknown as number,
      sex: text("sex") as (typeof SEXES)[number],
      dosingDate: text("dosingDate"),
      lot: text("lot"),
      consentVersion: text("consentVersion") as unknown as number,
      consentDate: text("consentDate"),
      confounders: { lifeExpectancy: optional("lifeExpectancy"), comorbidities: optional("comorbidities"), priorTherapies: optional("priorTherapies") },
    });
    if (created) router.push(`/subjects/${created.id}`);
  }

  if (!study) return <p className="card text-slate-700">{t("subjects.noEnrollable")}</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("subjects.enrol")}>
      <p className="text-sm text-slate-600 sm:col-span-2">{t("subjects.enrolHint")}</p>
      <Field id="enrol-study" label={t("subjects.study")} error={fieldErrors.studyId}>
        <select id="enrol-study" name="studyId" className="input" value={study.id} onChange={(e) => setStudyId(e.target.value)}>
          {studies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.protocolNumber} — {s.title}
            </option>
          ))}
        </select>
      </Field>
      <Field id="enrol-site" label={t("subjects.site")} error={fieldErrors.siteId}>
        <select id="enrol-site" name="siteId" className="input" key={study.id}>
          {study.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.code} — {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="enrol-code" label={t("subjects.code")} error={fieldErrors.code}>
        <input id="enrol-code" name="code" className="input" autoComplete="off" aria-invalid={Boolean(fieldErrors.code)} />
      </Field>
      <Field id="enrol-lot" label={t("subjects.lot")} error={fieldErrors.lot}>
        <input id="enrol-lot" name="lot" className="input" autoComplete="off" />
      </Field>
      <Field id="enrol-dosing" label={t("subjects.dosingDate")} error={fieldErrors.dosingDate}>
        <input id="enrol-dosing" name="dosingDate" type="date" max={today} className="input" />
      </Field>
      <Field id="enrol-yob" label={t("subjects.yearOfBirth")} error={fieldErrors.yearOfBirth}>
        <input id="enrol-yob" name="yearOfBirth" type="number" min={1900} max={2200} className="input" />
      </Field>
      <Field id="enrol-sex" label={t("subjects.sex")} error={fieldErrors.sex}>
        <select id="enrol-sex" name="sex" className="input" defaultValue="female">
          {SEXES.map((sex) => (
            <option key={sex} value={sex}>
              {t(`subjects.sex.${sex}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="enrol-consent-version" label={t("subjects.consentVersion")} error={fieldErrors.consentVersion}>
        <input id="enrol-consent-version" name="consentVersion" className="input" readOnly value={study.consentVersion} key={study.id} />
      </Field>
      <Field id="enrol-consent-date" label={t("subjects.consentDate")} error={fieldErrors.consentDate}>
        <input id="enrol-consent-date" name="consentDate" type="date" max={today} className="input" />
      </Field>
      <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
        <legend className="label">{t("subjects.confounders")}</legend>
        <Field id="enrol-life" label={t("subjects.lifeExpectancy")} error={fieldErrors.confounders}>
          <select id="enrol-life" name="lifeExpectancy" className="input" defaultValue="normal">
            {(["normal", "reduced", "short"] as const).map((value) => (
              <option key={value} value={value}>
                {t(`subjects.lifeExpectancy.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="enrol-comorbidities" label={t("subjects.comorbidities")}>
          <input id="enrol-comorbidities" name="comorbidities" className="input" />
        </Field>
        <Field id="enrol-prior" label={t("subjects.priorTherapies")}>
          <input id="enrol-prior" name="priorTherapies" className="input" />
        </Field>
      </fieldset>
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : t("subjects.enrolSubmit")}
        </button>
      </div>
    </form>
  );
}
