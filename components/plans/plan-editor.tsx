"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { activatePlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { DerivationView } from "@/components/rules/derivation-panel";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatViolation } from "@/lib/i18n/violation";
import { listUnjustifiedViolations, validatePlan, violationKey } from "@/lib/plans/plan-engine";
import { SampleSpecs, sampleSpecOf } from "@/components/plans/sample-specs";
import { CONTACT_MODES, SAMPLE_KINDS, type TPlan, type TPlanVisit, type TRequirementKind } from "@/lib/validation/plan";

function toInt(value: string): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/**
 * The sponsor edits the plan as a table; validation runs in the browser on every change
 * (the engine is pure) and shows each violation with its clause and a justification box.
 * Activation saves the draft, then asks the server, which checks everything again.
 */
export function PlanEditor({
  draft,
  derivation,
}: {
  draft: { id: string; version: number; plan: TPlan; justifications: Record<string, string>; durationOverrideJustification: string | null };
  derivation: DerivationView;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [plan, setPlan] = useState<TPlan>(draft.plan);
  const [justifications, setJustifications] = useState<Record<string, string>>(draft.justifications);
  const [overrideJustification, setOverrideJustification] = useState(draft.durationOverrideJustification ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const save = useActionForm(updatePlanDraftAction);
  const activate = useActionForm(activatePlanVersionAction);

  const kinds = useMemo(() => {
    const fromDerivation = derivation.requirements.map((r) => r.kind as TRequirementKind).filter((k) => k !== "remote_contact");
    const inPlan = plan.visits.flatMap((v) => v.activities.map((a) => a.kind));
    return [...new Set([...fromDerivation, ...inPlan])];
  }, [derivation, plan]);
  // validatePlan expects the full derivation; the view carries every field it reads.
  const validation = useMemo(() => validatePlan(derivation as Parameters<typeof validatePlan>[0], plan), [derivation, plan]);
  const unjustified = listUnjustifiedViolations(validation, justifications);
  const derivedMonths = derivation.durationYears * 12;
  const direction = plan.durationMonths > derivedMonths ? "extends" : plan.durationMonths < derivedMonths ? "shortens" : null;

  const setVisit = (index: number, patch: Partial<TPlanVisit>) => setPlan({ ...plan, visits: plan.visits.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  const toggleKind = (index: number, kind: TRequirementKind, on: boolean) => {
    const visit = plan.visits[index]!;
    const activities = on ? [...visit.activities, SAMPLE_KINDS.has(kind) ? { kind, ...sampleSpecOf(plan, kind) } : { kind }] : visit.activities.filter((a) => a.kind !== kind);
    setVisit(index, { activities });
  };
  const addVisit = () => {
    const last = plan.visits.at(-1);
    const offset = (last?.offsetMonths ?? 0) + 12;
    setPlan({ ...plan, visits: [...plan.visits, { id: `M${String(offset).padStart(2, "0")}`, offsetMonths: offset, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "clinic", activities: [] }] });
  };

  const payload = () => ({ id: draft.id, plan, justifications, durationOverrideJustification: overrideJustification });

  async function onSave() {
    setMessage(null);
    if (await save.submit(payload())) setMessage(t("plans.saved"));
  }

  async function onActivate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setMessage(null);
    if (!(await save.submit(payload()))) return;
    const result = await activate.submit({ id: draft.id, effectiveDate: String(form.get("effectiveDate") ?? ""), reason: String(form.get("reason") ?? "") });
    if (result) {
      setMessage(t("plans.activated", { version: result.version }));
      router.refresh();
    }
  }

  const visitViolations = (visitId: string) => validation.violations.filter((v) => "visitId" in v && v.visitId === visitId);

  return (
    <div className="flex flex-col gap-4" data-testid="plan-editor">
      <div className="card flex flex-wrap items-end gap-4">
        <Field id="plan-duration" label={t("plans.durationMonths")} error={save.fieldErrors.plan}>
          <input id="plan-duration" type="number" min={0} className="input w-32" value={plan.durationMonths} onChange={(e) => setPlan({ ...plan, durationMonths: toInt(e.target.value) })} />
        </Field>
        <p className="pb-2 text-sm text-slate-600">{t("plans.derivedMonths", { months: derivedMonths })}</p>
        {direction ? (
          <div className="min-w-72 flex-1">
            <Field id="plan-override" label={t("plans.override", { direction: t(`plans.${direction}`) })} error={activate.fieldErrors.durationOverrideJustification ? t("plans.overrideNeedsJustification", { months: plan.durationMonths, derived: derivedMonths }) : undefined}>
              <textarea id="plan-override" rows={2} className="input" value={overrideJustification} onChange={(e) => setOverrideJustification(e.target.value)} />
            </Field>
          </div>
        ) : null}
      </div>

      <div className="card overflow-x-auto">
        <table className="table" aria-label={t("plans.visits")}>
          <thead>
            <tr>
              <th scope="col">{t("plans.visitId")}</th>
              <th scope="col">{t("plans.offset")}</th>
              <th scope="col">{t("plans.windowBefore")}</th>
              <th scope="col">{t("plans.windowAfter")}</th>
              <th scope="col">{t("plans.contactMode")}</th>
              <th scope="col">{t("plans.activities")}</th>
              <th scope="col">
                <span className="sr-only">{t("plans.removeVisit", { id: "" })}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.visits.map((visit, index) => (
              <tr key={index} data-testid={`visit-row-${visit.id}`}>
                <td>
                  <input aria-label={`${t("plans.visitId")} ${index + 1}`} className="input w-20" value={visit.id} onChange={(e) => setVisit(index, { id: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`${t("plans.offset")} ${visit.id}`} type="number" min={1} className="input w-20" value={visit.offsetMonths} onChange={(e) => setVisit(index, { offsetMonths: toInt(e.target.value) })} />
                </td>
                <td>
                  <input aria-label={`${t("plans.windowBefore")} ${visit.id}`} type="number" min={0} max={183} className="input w-20" value={visit.windowDaysBefore} onChange={(e) => setVisit(index, { windowDaysBefore: toInt(e.target.value) })} />
                </td>
                <td>
                  <input aria-label={`${t("plans.windowAfter")} ${visit.id}`} type="number" min={0} max={183} className="input w-20" value={visit.windowDaysAfter} onChange={(e) => setVisit(index, { windowDaysAfter: toInt(e.target.value) })} />
                </td>
                <td>
                  <select aria-label={`${t("plans.contactMode")} ${visit.id}`} className="input" value={visit.contactMode} onChange={(e) => setVisit(index, { contactMode: e.target.value as TPlanVisit["contactMode"] })}>
                    {CONTACT_MODES.map((mode) => (
                      <option key={mode} value={mode}>
                        {t(`contact.${mode}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <fieldset>
                    <legend className="sr-only">
                      {t("plans.activities")} {visit.id}
                    </legend>
                    {kinds.map((kind) => (
                      <label key={kind} className="flex items-center gap-1 text-xs">
                        <input type="checkbox" checked={visit.activities.some((a) => a.kind === kind)} onChange={(e) => toggleKind(index, kind, e.target.checked)} />
                        {t(`kind.${kind}` as MessageKey)}
                      </label>
                    ))}
                  </fieldset>
                  {visitViolations(visit.id).map((v) => (
                    <p key={v.code} role="alert" className="field-error">
                      {formatViolation(v, t, plan)}
                    </p>
                  ))}
                </td>
                <td>
                  <button type="button" className="btn-secondary" onClick={() => setPlan({ ...plan, visits: plan.visits.filter((_, i) => i !== index) })}>
                    {t("plans.removeVisit", { id: visit.id })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="btn-secondary mt-2" onClick={addVisit}>
          {t("plans.addVisit")}
        </button>
      </div>

      <SampleSpecs plan={plan} onChange={setPlan} targetTissueInaccessible={derivation.requirements.some((r) => r.kind === "surrogate_sampling")} />

      <section className="card flex flex-col gap-2" aria-labelledby="violations-heading" data-testid="plan-violations">
        <h2 id="violations-heading" className="text-lg font-semibold">
          {validation.valid ? t("plans.valid") : t("plans.violations", { count: validation.violations.length })}
        </h2>
        <ul className="flex flex-col gap-3">
          {validation.violations.map((violation) => {
            const key = violationKey(violation);
            const justified = (justifications[key] ?? "").trim() !== "";
            return (
              <li key={key} className={`rounded border p-2 ${justified ? "border-slate-200" : "border-red-300 bg-red-50"}`}>
                <p className="text-sm">
                  <strong>{t(`violation.${violation.code}` as MessageKey)}</strong> — {formatViolation(violation, t, plan)}{" "}
                  <span className="text-xs text-slate-600">({justified ? t("plans.justified") : t("plans.needsJustification")})</span>
                </p>
                <label className="label mt-1" htmlFor={`justification-${key}`}>
                  {t("plans.justification")} ({violation.citation})
                </label>
                <textarea id={`justification-${key}`} rows={2} className="input" value={justifications[key] ?? ""} onChange={(e) => setJustifications({ ...justifications, [key]: e.target.value })} />
              </li>
            );
          })}
        </ul>
      </section>

      <div className="flex items-center gap-3">
        <button type="button" className="btn-secondary" onClick={onSave} disabled={save.pending}>
          {t("plans.saveDraft")}
        </button>
        {save.formError ? (
          <span role="alert" className="field-error">
            {save.formError}
          </span>
        ) : null}
      </div>

      <form onSubmit={onActivate} noValidate className="card grid gap-3 sm:grid-cols-3" aria-label={t("plans.activateTitle")}>
        <h2 className="font-semibold sm:col-span-3">{t("plans.activateTitle")}</h2>
        <Field id="plan-effective-date" label={t("plans.effectiveDate")} error={activate.fieldErrors.effectiveDate}>
          <input id="plan-effective-date" name="effectiveDate" type="date" className="input" />
        </Field>
        <Field id="plan-reason" label={t("plans.activationReason")} error={activate.fieldErrors.reason}>
          <input id="plan-reason" name="reason" className="input" />
        </Field>
        <div className="flex items-end">
          <button type="submit" className="btn-primary" disabled={activate.pending || save.pending}>
            {t("plans.activate")}
          </button>
        </div>
        {activate.fieldErrors.justifications || activate.formError ? (
          <p role="alert" className="field-error sm:col-span-3" data-testid="activation-error">
            {activate.fieldErrors.justifications && unjustified.length > 0
              ? t("plans.activationNeedsJustifications", { count: unjustified.length, example: formatViolation(unjustified[0]!, t, plan) })
              : (activate.fieldErrors.justifications ?? activate.formError)}
          </p>
        ) : null}
        {unjustified.length > 0 ? <p className="text-sm text-amber-800 sm:col-span-3">{t("plans.violations", { count: unjustified.length })}: {t("plans.needsJustification")}</p> : null}
        {message ? (
          <p role="status" className="text-sm text-green-800 sm:col-span-3">
            {message}
          </p>
        ) : null}
      </form>
    </div>
  );
}
