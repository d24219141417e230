"use client";

import { useRouter } from "next/navigation";
import type { SignVisitAction, UpdateVisitAction } from "@/components/subjects/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { AssessmentFields } from "@/components/subjects/record-visit-form";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import { SIGNATURE_MEANINGS } from "@/lib/validation/subject-values";
import type { TAssessments } from "@/lib/validation/visit";

/** 21 CFR 11.200: sign by re-entering the password; the meaning is shown with the signature. The password is never kept in the form. */
export function SignVisitForm({ subjectId, recordId, action }: { subjectId: string; recordId: string; action: SignVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={action} label={t("visits.sign")} className="grid gap-3 sm:grid-cols-2" onSaved={() => router.refresh()} saved={t("visits.signed")} resetOnSaved clearOnRefused={["password"]}>
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="recordId" value={recordId} />
      <p className="text-sm text-slate-700 sm:col-span-2">{t("visits.signHint")}</p>
      <Field id="sign-meaning" name="meaning" label={t("visits.meaning")}>
        <select className="input" defaultValue="reviewed_and_approved">
          {SIGNATURE_MEANINGS.map((meaning) => (
            <option key={meaning} value={meaning}>
              {t(`visits.meaning.${meaning}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sign-password" name="password" label={t("visits.password")}>
        <input type="password" autoComplete="current-password" className="input" />
      </Field>
      <div className="sm:col-span-2">
        <SubmitButton>{t("visits.sign")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/**
 * Correct a record: sends the version it read (a stale one is refused and the input stays on
 * the page) and the reason for the audit trail; a valid signature becomes void.
 */
export function CorrectVisitForm(props: { subjectId: string; recordId: string; version: number; status: "completed" | "missed"; date: string; unscheduled: boolean; assessments: Partial<TAssessments> | null; reason: string | null; today: string; action: UpdateVisitAction }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={props.action} label={t("visits.correct")} className="grid gap-3 sm:grid-cols-2" onSaved={() => router.refresh()} saved={t("common.saved")}>
      <input type="hidden" name="subjectId" value={props.subjectId} />
      <input type="hidden" name="recordId" value={props.recordId} />
      <input type="hidden" name="version" value={props.version} />
      <p className="text-sm text-slate-600 sm:col-span-2">{t("visits.correctionVoids")}</p>
      <Field id="correct-date" name="date" label={t("visits.date")}>
        <input type="date" max={props.today} defaultValue={props.date} className="input" />
      </Field>
      {props.status === "completed" ? (
        <AssessmentFields initial={props.assessments} />
      ) : (
        <Field id="correct-missed-reason" name="missedReason" label={t("visits.reason")}>
          <textarea className="input" rows={2} defaultValue={props.reason ?? ""} />
        </Field>
      )}
      <Field id="correct-reason" name="reason" label={t("visits.correctionReason")}>
        <input className="input" />
      </Field>
      <div className="sm:col-span-2">
        <SubmitButton variant="secondary">{t("visits.saveCorrection")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
