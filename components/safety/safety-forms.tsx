"use client";

import { useRouter } from "next/navigation";
import type { SafetyActions } from "@/components/safety/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field, FieldSet, SelectField } from "@/components/ui/field";
import { ActionForm, SubmitButton } from "@/components/ui/form";
import type { TAdverseEventInput } from "@/lib/validation/safety";
import { SAMPLE_TYPES } from "@/lib/validation/plan-values";
import { AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, SAMPLE_RESULT_KINDS, SERIOUSNESS_CRITERIA } from "@/lib/validation/safety-values";

/*
 * The safety forms post their FormData, read by the schemas' shapes (lib/validation/form-data.ts):
 * the ids go in hidden inputs, an empty "—" visit is null, numbers are read from the text (an
 * empty value is absent, "abc" is refused naming the field).
 */

export interface VisitChoice {
  id: string;
  label: string;
}

function VisitSelect({ id, name, label, visits }: { id: string; name: string; label: string; visits: VisitChoice[] }) {
  return (
    <Field id={id} name={name} label={label}>
      <select className="input" defaultValue="">
        <option value="">—</option>
        {visits.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function Submit({ label, variant = "primary" }: { label: string; variant?: "primary" | "secondary" }) {
  return (
    <div className="sm:col-span-2">
      <SubmitButton variant={variant}>{label}</SubmitButton>
    </div>
  );
}

/** The course of an adverse event (grade, relatedness, outcome): recorded with it, updated as follow-up information arrives. */
function AdverseEventCourseFields({ idPrefix, grade, relatedness, outcome }: { idPrefix: string; grade?: number; relatedness: TAdverseEventInput["relatedness"]; outcome: TAdverseEventInput["outcome"] }) {
  const { t } = useI18n();
  return (
    <>
      <Field id={`${idPrefix}-grade`} name="grade" label={t("safety.ae.grade")}>
        <input className="input" inputMode="numeric" defaultValue={grade} />
      </Field>
      <SelectField id={`${idPrefix}-relatedness`} name="relatedness" label={t("safety.ae.relatedness")} values={AE_RELATEDNESS} optionLabel={(r) => t(`aeRelatedness.${r}`)} defaultValue={relatedness} />
      <SelectField id={`${idPrefix}-outcome`} name="outcome" label={t("safety.ae.outcome")} values={AE_OUTCOMES} optionLabel={(o) => t(`aeOutcome.${o}`)} defaultValue={outcome} />
    </>
  );
}

/** Record an adverse event (CDE §2.3.2); the escalations it opens appear in the list above. */
export function AdverseEventForm({ subjectId, today, visits, action }: { subjectId: string; today: string; visits: VisitChoice[]; action: SafetyActions["recordAdverseEvent"] }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm
      action={action}
      label={t("safety.adverseEvents.record")}
      className="grid gap-3 sm:grid-cols-2"
      resetOnSaved
      onSaved={() => router.refresh()}
      saved={(saved) => (saved.escalations > 0 ? `${t("safety.adverseEvents.recorded")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.adverseEvents.recorded"))}
    >
      <input type="hidden" name="subjectId" value={subjectId} />
      <Field id="ae-term" name="term" label={t("safety.ae.term")}>
        <input className="input" />
      </Field>
      <Field id="ae-onset" name="onsetDate" label={t("safety.ae.onsetDate")}>
        <input type="date" max={today} className="input" />
      </Field>
      <SelectField id="ae-category" name="category" label={t("safety.ae.category")} values={AE_CATEGORIES} optionLabel={(c) => t(`aeCategory.${c}`)} defaultValue="other" />
      <AdverseEventCourseFields idPrefix="ae" relatedness="unrelated" outcome="unknown" />
      <FieldSet name="seriousnessCriteria" legend={t("safety.ae.seriousnessCriteria")} className="sm:col-span-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="serious" /> {t("safety.ae.serious")}
        </label>
        <div className="flex flex-wrap gap-3">
          {SERIOUSNESS_CRITERIA.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="seriousnessCriteria" value={c} /> {t(`seriousness.${c}`)}
            </label>
          ))}
        </div>
      </FieldSet>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="possibleRcl" /> {t("safety.ae.possibleRcl")}
      </label>
      <VisitSelect id="ae-visit" name="visitRecordId" label={t("safety.ae.visit")} visits={visits} />
      <Submit label={t("safety.adverseEvents.record")} />
    </ActionForm>
  );
}

/**
 * Record a sample result (CDE §2.3.2, §2.4); clone fields for clonality and integration-site
 * analysis (each checkbox after a hidden `false`, so that an unticked box says "no"). The clone
 * fields are always in the HTML and CSS shows them for those kinds (`.sample-result` in
 * app/globals.css, `:has()` on the chosen kind), so the form works the same without JavaScript; the
 * schema refuses a clone finding of another kind, naming the field (which then shows).
 */
export function SampleResultForm({ subjectId, today, visits, action }: { subjectId: string; today: string; visits: VisitChoice[]; action: SafetyActions["recordSampleResult"] }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm
      action={action}
      label={t("safety.results.record")}
      className="sample-result grid gap-3 sm:grid-cols-2"
      resetOnSaved
      onSaved={() => router.refresh()}
      saved={(saved) => (saved.escalations > 0 ? `${t("safety.results.recorded")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.results.recorded"))}
    >
      <input type="hidden" name="subjectId" value={subjectId} />
      <SelectField id="result-kind" name="kind" label={t("safety.result.kind")} values={SAMPLE_RESULT_KINDS} optionLabel={(k) => t(`sampleKind.${k}`)} defaultValue="persistence" />
      <Field id="result-collected" name="collectedDate" label={t("safety.result.collectedDate")}>
        <input type="date" max={today} className="input" />
      </Field>
      <SelectField id="result-sample-type" name="sampleType" label={t("safety.result.sampleType")} values={SAMPLE_TYPES} optionLabel={(type) => t(`sampleType.${type}`)} defaultValue="peripheral_blood" />
      <Field id="result-assay" name="assay" label={t("safety.result.assay")}>
        <input className="input" />
      </Field>
      <Field id="result-detected" name="detected" label={t("safety.result.detected")}>
        <select className="input" defaultValue="true">
          <option value="true">{t("safety.result.detected")}</option>
          <option value="false">{t("safety.result.notDetected")}</option>
        </select>
      </Field>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="surrogate" /> {t("safety.result.surrogate")}
      </label>
      <Field id="result-value" name="value" label={t("safety.result.value")}>
        <input className="input" inputMode="decimal" />
      </Field>
      <Field id="result-unit" name="unit" label={t("safety.result.unit")}>
        <input className="input" />
      </Field>
      <div className="sample-clones sm:col-span-2">
        <FieldSet name="dominantClone" legend={t("sampleKind.clonality")} className="grid gap-2 sm:grid-cols-2">
          {(["dominantClone", "clonalExpansion", "nearOncogene"] as const).map((name) => (
            <label key={name} className="flex items-center gap-2 text-sm">
              <input type="hidden" name={name} value="false" />
              <input type="checkbox" name={name} /> {t(`safety.result.${name}`)}
            </label>
          ))}
          <Field id="result-largest-clone" name="largestClonePercent" label={t("safety.result.largestClonePercent")}>
            <input className="input" inputMode="decimal" />
          </Field>
        </FieldSet>
      </div>
      <VisitSelect id="result-visit" name="visitRecordId" label={t("safety.result.visit")} visits={visits} />
      <Submit label={t("safety.results.record")} />
    </ActionForm>
  );
}

/** Resolve an escalation with a note: an investigator of the site (the server checks). */
export function ResolveEscalationForm({ subjectId, escalationId, action }: { subjectId: string; escalationId: string; action: SafetyActions["resolveEscalation"] }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={action} label={t("safety.escalations.resolve")} className="flex flex-col gap-2" onSaved={() => router.refresh()}>
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="escalationId" value={escalationId} />
      <Field id={`resolve-${escalationId}`} name="note" label={t("safety.escalations.resolveNote")}>
        <textarea rows={2} className="input" />
      </Field>
      <div>
        <SubmitButton variant="secondary">{t("safety.escalations.resolve")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/**
 * Update an adverse event (follow-up information): grade, relatedness, outcome, seriousness,
 * with the version read (a stale one is refused, the input stays) and the reason (audit trail).
 */
export function UpdateAdverseEventForm(props: { subjectId: string; adverseEventId: string; version: number; grade: number; relatedness: TAdverseEventInput["relatedness"]; outcome: TAdverseEventInput["outcome"]; action: SafetyActions["updateAdverseEvent"] }) {
  const { t } = useI18n();
  const router = useRouter();
  const idPrefix = `ae-${props.adverseEventId}`;
  return (
    <ActionForm
      action={props.action}
      label={t("safety.adverseEvents.update")}
      className="grid gap-3 sm:grid-cols-2"
      onSaved={() => router.refresh()}
      saved={(saved) => (saved.escalations > 0 ? `${t("safety.adverseEvents.updated")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.adverseEvents.updated"))}
    >
      <input type="hidden" name="subjectId" value={props.subjectId} />
      <input type="hidden" name="adverseEventId" value={props.adverseEventId} />
      <input type="hidden" name="version" value={props.version} />
      <AdverseEventCourseFields idPrefix={idPrefix} grade={props.grade} relatedness={props.relatedness} outcome={props.outcome} />
      <Field id={`${idPrefix}-reason`} name="reason" label={t("safety.ae.reason")}>
        <input className="input" />
      </Field>
      <Submit label={t("safety.adverseEvents.update")} />
    </ActionForm>
  );
}
