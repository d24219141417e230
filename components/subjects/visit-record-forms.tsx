"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { SignVisitAction, UpdateVisitAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { AssessmentFields, readAssessments } from "@/components/subjects/record-visit-form";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { SIGNATURE_MEANINGS } from "@/lib/validation/subject-values";
import type { TAssessments } from "@/lib/validation/visit";

/** 21 CFR 11.200: sign by re-entering the password; the meaning is shown with the signature. */
export function SignVisitForm({ subjectId, recordId, action }: { subjectId: string; recordId: string; action: SignVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(action);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const signed = await submit({ subjectId, recordId, password: String(form.get("password") ?? ""), meaning: String(form.get("meaning")) as (typeof SIGNATURE_MEANINGS)[number] });
    element.reset();
    if (signed) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("visits.sign")}>
      <p className="text-sm text-slate-700 sm:col-span-2">{t("visits.signHint")}</p>
      <Field id="sign-meaning" label={t("visits.signature")}>
        <select id="sign-meaning" name="meaning" className="input" defaultValue="reviewed_and_approved">
          {SIGNATURE_MEANINGS.map((meaning) => (
            <option key={meaning} value={meaning}>
              {t(`visits.meaning.${meaning}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sign-password" label={t("visits.password")} error={fieldErrors.password}>
        <input id="sign-password" name="password" type="password" autoComplete="current-password" className="input" />
      </Field>
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : t("visits.sign")}
        </button>
      </div>
    </form>
  );
}

/**
 * Correct a record: sends the version it read (a stale one is refused and the input stays on
 * the page) and the reason for the audit trail; a valid signature becomes void.
 */
export function CorrectVisitForm(props: { subjectId: string; recordId: string; version: number; status: "completed" | "missed"; date: string; unscheduled: boolean; assessments: Partial<TAssessments> | null; reason: string | null; today: string; action: UpdateVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(props.action);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await submit({
      subjectId: props.subjectId,
      recordId: props.recordId,
      version: props.version,
      reason: String(form.get("changeReason") ?? ""),
      date: String(form.get("date") ?? ""),
      ...(props.status === "completed" ? { assessments: readAssessments(form) } : { missedReason: String(form.get("missedReason") ?? "") }),
    });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("visits.correct")}>
      <p className="text-sm text-slate-600 sm:col-span-2">{t("visits.correctionVoids")}</p>
      <Field id="correct-date" label={t("visits.date")} error={fieldErrors.date}>
        <input id="correct-date" name="date" type="date" max={props.today} defaultValue={props.date} className="input" />
      </Field>
      {props.status === "completed" ? (
        <AssessmentFields initial={props.assessments} error={fieldErrors.assessments} />
      ) : (
        <Field id="correct-missed-reason" label={t("visits.reason")} error={fieldErrors.missedReason}>
          <textarea id="correct-missed-reason" name="missedReason" className="input" rows={2} defaultValue={props.reason ?? ""} />
        </Field>
      )}
      <Field id="correct-reason" label={t("visits.correctionReason")} error={fieldErrors.reason}>
        <input id="correct-reason" name="changeReason" className="input" />
      </Field>
      {formError || fieldErrors.version ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError ?? fieldErrors.version}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-secondary" disabled={pending}>
          {pending ? t("common.loading") : t("visits.saveCorrection")}
        </button>
      </div>
    </form>
  );
}
