"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { ChangeSubjectStatusAction, RecordConsentAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

const CLOSING = ["withdrawn", "lost_to_follow_up", "died", "completed"] as const;

/** End follow-up: withdrawn (reason), lost (three contact attempts on different dates), died (cause), completed. */
export function SubjectStatusForm({ subjectId, version, today, action }: { subjectId: string; version: number; today: string; action: ChangeSubjectStatusAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending, issues } = useActionForm(action);
  const [status, setStatus] = useState<(typeof CLOSING)[number]>("withdrawn");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const attempts = [0, 1, 2]
      .map((i) => ({ date: text(`attemptDate${i}`), mode: text(`attemptMode${i}`), outcome: text(`attemptOutcome${i}`) }))
      .filter((a) => a.date || a.mode || a.outcome);
    const saved = await submit({
      subjectId,
      version,
      status,
      date: text("date"),
      reason: text("reason") || undefined,
      ...(status === "died" ? { cause: text("cause") } : {}),
      ...(status === "lost_to_follow_up" ? { contactAttempts: attempts } : {}),
    });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("subjects.changeStatus")}>
      <Field id="status-value" label={t("subjects.status")}>
        <select id="status-value" className="input" value={status} onChange={(e) => setStatus(e.target.value as (typeof CLOSING)[number])}>
          {CLOSING.map((value) => (
            <option key={value} value={value}>
              {t(`subjects.status.${value}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="status-date" label={t("subjects.statusDate")} error={fieldErrors.date}>
        <input id="status-date" name="date" type="date" max={today} className="input" />
      </Field>
      {status === "died" ? (
        <Field id="status-cause" label={t("subjects.cause")} error={fieldErrors.cause}>
          <input id="status-cause" name="cause" className="input" />
        </Field>
      ) : null}
      <Field id="status-reason" label={t("subjects.reason")} error={fieldErrors.reason}>
        <input id="status-reason" name="reason" className="input" />
      </Field>
      {status === "lost_to_follow_up" ? (
        <fieldset className="grid gap-2 sm:col-span-2">
          <legend className="label">{t("subjects.contactAttempts")}</legend>
          {fieldErrors.contactAttempts ? (
            <p className="field-error" role="alert">
              {issues.filter((i) => i.field.startsWith("contactAttempts")).map((i) => i.message).join(" ")}
            </p>
          ) : null}
          {[0, 1, 2].map((i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-3">
              <input aria-label={`${t("subjects.attemptDate")} ${i + 1}`} name={`attemptDate${i}`} type="date" max={today} className="input" />
              <input aria-label={`${t("subjects.attemptMode")} ${i + 1}`} name={`attemptMode${i}`} className="input" placeholder={t("subjects.attemptMode")} />
              <input aria-label={`${t("subjects.attemptOutcome")} ${i + 1}`} name={`attemptOutcome${i}`} className="input" placeholder={t("subjects.attemptOutcome")} />
            </div>
          ))}
        </fieldset>
      ) : null}
      {formError || fieldErrors.status || fieldErrors.version ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError ?? fieldErrors.status ?? fieldErrors.version}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-secondary" disabled={pending}>
          {pending ? t("common.loading") : t("subjects.saveStatus")}
        </button>
      </div>
    </form>
  );
}

/** Record re-consent on the study's active consent version (CDE §2.3.1). */
export function ReconsentForm({ subjectId, consentVersion, today, action }: { subjectId: string; consentVersion: number; today: string; action: RecordConsentAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(action);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await submit({ subjectId, consentVersion, consentDate: String(form.get("consentDate") ?? "") });
    if (saved) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label={t("subjects.recordConsent", { version: consentVersion })}>
      <Field id="reconsent-date" label={t("subjects.recordConsent", { version: consentVersion })} error={fieldErrors.consentDate ?? fieldErrors.consentVersion ?? formError ?? undefined}>
        <input id="reconsent-date" name="consentDate" type="date" max={today} className="input" />
      </Field>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? t("common.loading") : t("subjects.saveConsent")}
      </button>
    </form>
  );
}
