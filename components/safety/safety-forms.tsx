"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { SafetyActions } from "@/components/safety/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { AE_CATEGORIES, AE_OUTCOMES, AE_RELATEDNESS, SAMPLE_RESULT_KINDS, SERIOUSNESS_CRITERIA, type TAdverseEventInput, type TSampleResultInput } from "@/lib/validation/safety";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const optionalText = (form: FormData, name: string) => text(form, name) || undefined;
/** Empty → absent; anything else as a number, so "abc" reaches the schema as NaN and is refused, naming the field. */
const optionalNumber = (form: FormData, name: string) => (text(form, name) === "" ? null : Number(text(form, name)));
const checked = (form: FormData, name: string) => form.get(name) === "on";

export interface VisitChoice {
  id: string;
  label: string;
}

function VisitSelect({ id, name, label, visits, error }: { id: string; name: string; label: string; visits: VisitChoice[]; error?: string }) {
  return (
    <Field id={id} label={label} error={error}>
      <select id={id} name={name} className="input" defaultValue="">
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

function FormFooter({ formError, done, pending, label }: { formError: string | null; done: string | null; pending: boolean; label: string }) {
  const { t } = useI18n();
  return (
    <>
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {done}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : label}
        </button>
      </div>
    </>
  );
}

/** Record an adverse event (CDE §2.3.2); the escalations it opens appear in the list above. */
export function AdverseEventForm({ subjectId, today, visits, action }: { subjectId: string; today: string; visits: VisitChoice[]; action: SafetyActions["recordAdverseEvent"] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const serious = checked(form, "serious");
    const saved = await submit({
      subjectId,
      term: text(form, "term"),
      onsetDate: text(form, "onsetDate"),
      serious,
      seriousnessCriteria: form.getAll("seriousnessCriteria").map(String) as TAdverseEventInput["seriousnessCriteria"],
      grade: Number(text(form, "grade")),
      category: text(form, "category") as TAdverseEventInput["category"],
      relatedness: text(form, "relatedness") as TAdverseEventInput["relatedness"],
      outcome: text(form, "outcome") as TAdverseEventInput["outcome"],
      possibleRcl: checked(form, "possibleRcl"),
      visitRecordId: optionalText(form, "visitRecordId") ?? null,
    });
    if (saved) {
      element.reset();
      setDone(saved.escalations > 0 ? `${t("safety.adverseEvents.recorded")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.adverseEvents.recorded"));
      router.refresh();
    } else setDone(null);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("safety.adverseEvents.record")}>
      <Field id="ae-term" label={t("safety.ae.term")} error={fieldErrors.term}>
        <input id="ae-term" name="term" className="input" />
      </Field>
      <Field id="ae-onset" label={t("safety.ae.onsetDate")} error={fieldErrors.onsetDate}>
        <input id="ae-onset" name="onsetDate" type="date" max={today} className="input" />
      </Field>
      <Field id="ae-category" label={t("safety.ae.category")} error={fieldErrors.category}>
        <select id="ae-category" name="category" className="input" defaultValue="other">
          {AE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`aeCategory.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ae-grade" label={t("safety.ae.grade")} error={fieldErrors.grade}>
        <input id="ae-grade" name="grade" className="input" inputMode="numeric" />
      </Field>
      <Field id="ae-relatedness" label={t("safety.ae.relatedness")} error={fieldErrors.relatedness}>
        <select id="ae-relatedness" name="relatedness" className="input" defaultValue="unrelated">
          {AE_RELATEDNESS.map((r) => (
            <option key={r} value={r}>
              {t(`aeRelatedness.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ae-outcome" label={t("safety.ae.outcome")} error={fieldErrors.outcome}>
        <select id="ae-outcome" name="outcome" className="input" defaultValue="unknown">
          {AE_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`aeOutcome.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="sm:col-span-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="serious" /> {t("safety.ae.serious")}
        </label>
        <legend className="label">{t("safety.ae.seriousnessCriteria")}</legend>
        <div className="flex flex-wrap gap-3">
          {SERIOUSNESS_CRITERIA.map((c) => (
            <label key={c} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="seriousnessCriteria" value={c} /> {t(`seriousness.${c}`)}
            </label>
          ))}
        </div>
        {fieldErrors.seriousnessCriteria ? <p className="field-error">{fieldErrors.seriousnessCriteria}</p> : null}
      </fieldset>
      <label className="flex items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="possibleRcl" /> {t("safety.ae.possibleRcl")}
      </label>
      <VisitSelect id="ae-visit" name="visitRecordId" label={t("safety.ae.visit")} visits={visits} error={fieldErrors.visitRecordId} />
      <FormFooter formError={formError} done={done} pending={pending} label={t("safety.adverseEvents.record")} />
    </form>
  );
}

/** Record a sample result (CDE §2.3.2, §2.4); clone fields for clonality and integration-site analysis. */
export function SampleResultForm({ subjectId, today, visits, action }: { subjectId: string; today: string; visits: VisitChoice[]; action: SafetyActions["recordSampleResult"] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const [kind, setKind] = useState<TSampleResultInput["kind"]>("persistence");
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  const clones = kind === "clonality" || kind === "integration_site_analysis";
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const saved = await submit({
      subjectId,
      kind,
      collectedDate: text(form, "collectedDate"),
      sampleType: text(form, "sampleType"),
      surrogate: checked(form, "surrogate"),
      assay: optionalText(form, "assay"),
      detected: text(form, "detected") === "true",
      value: optionalNumber(form, "value"),
      unit: optionalText(form, "unit"),
      ...(clones
        ? { dominantClone: checked(form, "dominantClone"), clonalExpansion: checked(form, "clonalExpansion"), nearOncogene: checked(form, "nearOncogene"), largestClonePercent: optionalNumber(form, "largestClonePercent") }
        : {}),
      visitRecordId: optionalText(form, "visitRecordId") ?? null,
    });
    if (saved) {
      element.reset();
      setKind("persistence");
      setDone(saved.escalations > 0 ? `${t("safety.results.recorded")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.results.recorded"));
      router.refresh();
    } else setDone(null);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("safety.results.record")}>
      <Field id="result-kind" label={t("safety.result.kind")} error={fieldErrors.kind}>
        <select id="result-kind" name="kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as TSampleResultInput["kind"])}>
          {SAMPLE_RESULT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`sampleKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="result-collected" label={t("safety.result.collectedDate")} error={fieldErrors.collectedDate}>
        <input id="result-collected" name="collectedDate" type="date" max={today} className="input" />
      </Field>
      <Field id="result-sample-type" label={t("safety.result.sampleType")} error={fieldErrors.sampleType}>
        <input id="result-sample-type" name="sampleType" className="input" defaultValue="peripheral_blood" />
      </Field>
      <Field id="result-assay" label={t("safety.result.assay")} error={fieldErrors.assay}>
        <input id="result-assay" name="assay" className="input" />
      </Field>
      <Field id="result-detected" label={t("safety.result.detected")} error={fieldErrors.detected}>
        <select id="result-detected" name="detected" className="input" defaultValue="true">
          <option value="true">{t("safety.result.detected")}</option>
          <option value="false">{t("safety.result.notDetected")}</option>
        </select>
      </Field>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="surrogate" /> {t("safety.result.surrogate")}
      </label>
      <Field id="result-value" label={t("safety.result.value")} error={fieldErrors.value}>
        <input id="result-value" name="value" className="input" inputMode="decimal" />
      </Field>
      <Field id="result-unit" label={t("safety.result.unit")} error={fieldErrors.unit}>
        <input id="result-unit" name="unit" className="input" />
      </Field>
      {clones ? (
        <fieldset className="grid gap-2 sm:col-span-2 sm:grid-cols-2">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dominantClone" /> {t("safety.result.dominantClone")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="clonalExpansion" /> {t("safety.result.clonalExpansion")}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="nearOncogene" /> {t("safety.result.nearOncogene")}
          </label>
          <Field id="result-largest-clone" label={t("safety.result.largestClonePercent")} error={fieldErrors.largestClonePercent ?? fieldErrors.dominantClone}>
            <input id="result-largest-clone" name="largestClonePercent" className="input" inputMode="decimal" />
          </Field>
        </fieldset>
      ) : null}
      <VisitSelect id="result-visit" name="visitRecordId" label={t("safety.result.visit")} visits={visits} error={fieldErrors.visitRecordId} />
      <FormFooter formError={formError} done={done} pending={pending} label={t("safety.results.record")} />
    </form>
  );
}

/** Resolve an escalation with a note: an investigator of the site (the server checks). */
export function ResolveEscalationForm({ subjectId, escalationId, action }: { subjectId: string; escalationId: string; action: SafetyActions["resolveEscalation"] }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (await submit({ subjectId, escalationId, note: text(form, "note") })) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-2" aria-label={t("safety.escalations.resolve")}>
      <Field id={`resolve-${escalationId}`} label={t("safety.escalations.resolveNote")} error={fieldErrors.note}>
        <textarea id={`resolve-${escalationId}`} name="note" rows={2} className="input" />
      </Field>
      {formError ? (
        <p role="alert" className="field-error">
          {formError}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t("safety.escalations.resolve")}
        </button>
      </div>
    </form>
  );
}

/**
 * Update an adverse event (follow-up information): grade, relatedness, outcome, seriousness,
 * with the version read (a stale one is refused, the input stays) and the reason (audit trail).
 */
export function UpdateAdverseEventForm(props: { subjectId: string; adverseEventId: string; version: number; grade: number; relatedness: TAdverseEventInput["relatedness"]; outcome: TAdverseEventInput["outcome"]; action: SafetyActions["updateAdverseEvent"] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const { submit, fieldErrors, formError, pending } = useActionForm(props.action);
  const id = (name: string) => `ae-${props.adverseEventId}-${name}`;
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await submit({
      subjectId: props.subjectId,
      adverseEventId: props.adverseEventId,
      version: props.version,
      reason: text(form, "reason"),
      grade: Number(text(form, "grade")),
      relatedness: text(form, "relatedness") as TAdverseEventInput["relatedness"],
      outcome: text(form, "outcome") as TAdverseEventInput["outcome"],
    });
    if (saved) {
      setDone(saved.escalations > 0 ? `${t("safety.adverseEvents.updated")} ${t("safety.opened", { count: saved.escalations })}` : t("safety.adverseEvents.updated"));
      router.refresh();
    } else setDone(null);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2" aria-label={t("safety.adverseEvents.update")}>
      <Field id={id("grade")} label={t("safety.ae.grade")} error={fieldErrors.grade}>
        <input id={id("grade")} name="grade" className="input" inputMode="numeric" defaultValue={props.grade} />
      </Field>
      <Field id={id("relatedness")} label={t("safety.ae.relatedness")} error={fieldErrors.relatedness}>
        <select id={id("relatedness")} name="relatedness" className="input" defaultValue={props.relatedness}>
          {AE_RELATEDNESS.map((r) => (
            <option key={r} value={r}>
              {t(`aeRelatedness.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("outcome")} label={t("safety.ae.outcome")} error={fieldErrors.outcome}>
        <select id={id("outcome")} name="outcome" className="input" defaultValue={props.outcome}>
          {AE_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`aeOutcome.${o}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("reason")} label={t("safety.ae.reason")} error={fieldErrors.reason ?? fieldErrors.version}>
        <input id={id("reason")} name="reason" className="input" />
      </Field>
      <FormFooter formError={formError} done={done} pending={pending} label={t("safety.adverseEvents.update")} />
    </form>
  );
}
