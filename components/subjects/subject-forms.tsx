"use client";

import { useRouter } from "next/navigation";
import type { ChangeSubjectStatusAction, RecordConsentAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field, FieldSet, SelectField } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";

const CLOSING = ["withdrawn", "lost_to_follow_up", "died", "completed"] as const;
const ATTEMPTS = [0, 1, 2] as const;

/**
 * End follow-up: withdrawn (reason), lost (three contact attempts on different dates), died
 * (cause), completed. The contact attempts are rows `contactAttempts[i].date|mode|outcome`; a
 * row left empty is not sent. Every field is in the HTML and CSS shows the ones the chosen status
 * needs (`.subject-status` in app/globals.css, `:has()` on the chosen option), so the form works
 * the same without JavaScript; the schema drops the cause and the attempts of another status.
 */
export function SubjectStatusForm({ subjectId, version, today, action }: { subjectId: string; version: number; today: string; action: ChangeSubjectStatusAction }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={action} label={t("subjects.changeStatus")} className="subject-status grid gap-3 sm:grid-cols-2" onSaved={() => router.refresh()} saved={t("common.saved")}>
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="version" value={version} />
      <SelectField id="status-value" name="status" label={t("subjects.status")} values={CLOSING} optionLabel={(value) => t(`subjects.status.${value}`)} defaultValue="withdrawn" />
      <Field id="status-date" name="date" label={t("subjects.statusDate")}>
        <input type="date" max={today} className="input" />
      </Field>
      <div className="status-if-died">
        <Field id="status-cause" name="cause" label={t("subjects.cause")}>
          <input className="input" />
        </Field>
      </div>
      <Field id="status-reason" name="reason" label={t("subjects.reason")}>
        <input className="input" />
      </Field>
      <div className="status-if-lost sm:col-span-2">
        <FieldSet name="contactAttempts" legend={t("subjects.contactAttempts")} className="grid gap-2">
          {ATTEMPTS.map((i) => (
            <div key={i} className="grid gap-2 sm:grid-cols-3">
              <Field name={`contactAttempts[${i}].date`} label={`${t("subjects.attemptDate")} ${i + 1}`}>
                <input type="date" max={today} className="input" />
              </Field>
              <Field name={`contactAttempts[${i}].mode`} label={`${t("subjects.attemptMode")} ${i + 1}`}>
                <input className="input" placeholder={t("subjects.attemptMode")} />
              </Field>
              <Field name={`contactAttempts[${i}].outcome`} label={`${t("subjects.attemptOutcome")} ${i + 1}`}>
                <input className="input" placeholder={t("subjects.attemptOutcome")} />
              </Field>
            </div>
          ))}
        </FieldSet>
      </div>
      <div className="sm:col-span-2">
        <SubmitButton variant="secondary">{t("subjects.saveStatus")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** Record re-consent on the study's active consent version (CDE §2.3.1). */
export function ReconsentForm({ subjectId, consentVersion, today, action }: { subjectId: string; consentVersion: number; today: string; action: RecordConsentAction }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={action} label={t("subjects.recordConsent", { version: consentVersion })} className="flex flex-wrap items-end gap-3" onSaved={() => router.refresh()} saved={t("common.saved")}>
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="consentVersion" value={consentVersion} />
      <Field id="reconsent-date" name="consentDate" label={t("subjects.recordConsent", { version: consentVersion })}>
        <input type="date" max={today} className="input" />
      </Field>
      <SubmitButton>{t("subjects.saveConsent")}</SubmitButton>
    </ActionForm>
  );
}
