"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { DerivationView } from "@/components/rules/derivation-panel";
import { SampleSpecs, sampleSpecOf } from "@/components/plans/sample-specs";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, useFieldError, useHydrated, type FormAction } from "@/components/ui/form";
import type { ActionResult } from "@/lib/auth/action";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatViolation } from "@/lib/i18n/violation";
import { listUnjustifiedViolations, validatePlan, violationKey } from "@/lib/plans/plan-engine";
import type { Violation } from "@/lib/rules/validate-plan";
import type { TPlan, TPlanVisit } from "@/lib/validation/plan";
import { CONTACT_MODES, REQUIREMENT_KINDS, SAMPLE_KINDS, type TRequirementKind } from "@/lib/validation/plan-values";

function toInt(value: string): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** Keys of columns added in this page's life (only ever incremented in an event handler). */
let addedVisits = 0;

type DraftInput = { id: string; plan: TPlan; justifications: Record<string, string>; durationOverrideJustification: string };

export interface PlanEditorActions {
  saveDraft: (input: DraftInput | FormData) => Promise<ActionResult<unknown>>;
  activate: FormAction<{ version: number }>;
}

/** What the server said about the activation, in the editor's words (with the first unjustified violation as the example). */
function ActivationProblem({ unjustified, t, example }: { unjustified: number; t: (key: MessageKey, vars?: Record<string, string | number>) => string; example: string | null }) {
  const justifications = useFieldError("justifications");
  const override = useFieldError("durationOverrideJustification");
  if (!justifications && !override) return null;
  return (
    <p className="field-error sm:col-span-3" data-testid="activation-error">
      {justifications ? (unjustified > 0 && example ? t("plans.activationNeedsJustifications", { count: unjustified, example }) : justifications) : override}
    </p>
  );
}

/**
 * The plan as a schedule of assessments: visits are columns (month, window, contact mode),
 * activities are rows, a checkbox in each cell; the coverage of every requirement of the
 * derivation shows under the grid. Validation runs in the browser on every change (the
 * engine is pure) and shows each violation with its clause and a justification box.
 * Activation saves the draft, then asks the server, which checks everything again.
 */
export function PlanEditor({
  draft,
  derivation,
  actions,
}: {
  draft: { id: string; version: number; plan: TPlan; justifications: Record<string, string>; durationOverrideJustification: string | null };
  derivation: DerivationView;
  actions: PlanEditorActions;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const [plan, setPlan] = useState<TPlan>(draft.plan);
  // The plan lives in React state: a control changed before hydration would show a choice the
  // state (the validation, the saved draft) never saw, so the editor is enabled by hydration.
  const live = useHydrated();
  const [justifications, setJustifications] = useState<Record<string, string>>(draft.justifications);
  const [overrideJustification, setOverrideJustification] = useState(draft.durationOverrideJustification ?? "");
  const [extraKinds, setExtraKinds] = useState<TRequirementKind[]>([]);
  // Stable keys for the visit columns: removing one must not hand its inputs to its neighbour.
  const [visitKeys, setVisitKeys] = useState<string[]>(() => draft.plan.visits.map((_, i) => `saved-${i}`));

  const kinds = useMemo(() => {
    const fromDerivation = derivation.requirements.map((r) => r.kind as TRequirementKind).filter((k) => k !== "remote_contact");
    const inPlan = plan.visits.flatMap((v) => v.activities.map((a) => a.kind));
    return [...new Set([...fromDerivation, ...inPlan, ...extraKinds])];
  }, [derivation, plan, extraKinds]);
  const addable = REQUIREMENT_KINDS.filter((k) => k !== "remote_contact" && !kinds.includes(k));
  // validatePlan expects the full derivation; the view carries every field it reads.
  const validation = useMemo(() => validatePlan(derivation as Parameters<typeof validatePlan>[0], plan), [derivation, plan]);
  const unjustified = listUnjustifiedViolations(validation, justifications);
  const derivedMonths = derivation.durationYears * 12;
  const direction = plan.durationMonths > derivedMonths ? "extends" : plan.durationMonths < derivedMonths ? "shortens" : null;

  // Functional updates: each change applies to the latest plan, not to the copy its handler's
  // render saw (as in the product editor).
  const updateVisit = (index: number, change: (visit: TPlanVisit, plan: TPlan) => Partial<TPlanVisit>) =>
    setPlan((previous) => ({ ...previous, visits: previous.visits.map((v, i) => (i === index ? { ...v, ...change(v, previous) } : v)) }));
  const setVisit = (index: number, patch: Partial<TPlanVisit>) => updateVisit(index, () => patch);
  const toggleKind = (index: number, kind: TRequirementKind, on: boolean) =>
    updateVisit(index, (visit, current) => ({
      activities: on
        ? [...visit.activities.filter((a) => a.kind !== kind), SAMPLE_KINDS.has(kind) ? { kind, ...sampleSpecOf(current, kind) } : { kind }]
        : visit.activities.filter((a) => a.kind !== kind),
    }));
  const addVisit = () => {
    const key = `added-${++addedVisits}`;
    setPlan((previous) => {
      const offset = (previous.visits.at(-1)?.offsetMonths ?? 0) + 12;
      return { ...previous, visits: [...previous.visits, { id: `M${String(offset).padStart(2, "0")}`, offsetMonths: offset, windowDaysBefore: 30, windowDaysAfter: 30, contactMode: "clinic", activities: [] }] };
    });
    setVisitKeys((previous) => [...previous, key]);
  };
  const removeVisit = (index: number) => {
    setPlan((previous) => ({ ...previous, visits: previous.visits.filter((_, i) => i !== index) }));
    setVisitKeys((previous) => previous.filter((_, i) => i !== index));
  };

  const payload = (): DraftInput => ({ id: draft.id, plan, justifications, durationOverrideJustification: overrideJustification });
  const saveThenActivate: FormAction<{ version: number }> = async (formData) => {
    const saved = await actions.saveDraft(payload());
    return saved.ok ? actions.activate(formData) : saved;
  };

  const visitViolations = (visitId: string) => validation.violations.filter((v) => "visitId" in v && v.visitId === visitId);
  const gapsOf = (kind: string, fromMonth: number) => validation.violations.filter((v): v is Extract<Violation, { code: "coverage_gap" }> => v.code === "coverage_gap" && v.kind === kind && v.fromMonth === fromMonth);
  const monthsWith = (kind: string) => plan.visits.filter((v) => v.activities.some((a) => a.kind === kind)).map((v) => v.offsetMonths);

  return (
    <fieldset disabled={!live} className="flex min-w-0 flex-col gap-4" data-testid="plan-editor">
      <legend className="sr-only">{t("plans.grid")}</legend>
      <div className="card flex flex-wrap items-end gap-4">
        <Field id="plan-duration" label={t("plans.durationMonths")}>
          <input type="number" min={0} className="input w-32" value={plan.durationMonths} onChange={(e) => { const durationMonths = toInt(e.target.value); setPlan((previous) => ({ ...previous, durationMonths })); }} />
        </Field>
        <p className="pb-2 text-sm text-slate-600">{t("plans.derivedMonths", { months: derivedMonths })}</p>
        {direction ? (
          <Field id="plan-override" className="min-w-0 flex-1 basis-72" label={t("plans.override", { direction: t(`plans.${direction}`) })}>
            <textarea rows={2} className="input" value={overrideJustification} onChange={(e) => setOverrideJustification(e.target.value)} />
          </Field>
        ) : null}
      </div>

      <section className="card flex min-w-0 flex-col gap-2" aria-labelledby="grid-heading">
        <h2 id="grid-heading" className="text-lg font-semibold">
          {t("plans.grid")}
        </h2>
        <p className="text-sm text-slate-600">{t("plans.gridHint")}</p>
        <div className="relative max-h-[70vh] overflow-auto rounded border border-slate-200" data-testid="plan-grid">
          <table className="soa-grid">
            <caption className="sr-only">{t("plans.grid")}</caption>
            <thead>
              <tr>
                <th scope="col" className="soa-corner">
                  {t("plans.activity")}
                </th>
                {plan.visits.map((visit, index) => (
                  <th key={visitKeys[index]} scope="col" className="soa-visit" data-testid={`visit-column-${visit.id}`}>
                    <input aria-label={`${t("plans.visitId")} ${index + 1}`} className="input w-full font-semibold" value={visit.id} onChange={(e) => setVisit(index, { id: e.target.value })} />
                    <label className="soa-sub">
                      {t("plans.offset")}
                      <input type="number" min={1} className="input w-16" value={visit.offsetMonths} onChange={(e) => setVisit(index, { offsetMonths: toInt(e.target.value) })} />
                    </label>
                    <span className="soa-sub">
                      <label>
                        <span className="sr-only">{`${t("plans.windowBefore")} ${visit.id}`}</span>
                        <span aria-hidden="true">−</span>
                        <input type="number" min={0} max={183} className="input w-14" value={visit.windowDaysBefore} onChange={(e) => setVisit(index, { windowDaysBefore: toInt(e.target.value) })} />
                      </label>
                      <label>
                        <span className="sr-only">{`${t("plans.windowAfter")} ${visit.id}`}</span>
                        <span aria-hidden="true">+</span>
                        <input type="number" min={0} max={183} className="input w-14" value={visit.windowDaysAfter} onChange={(e) => setVisit(index, { windowDaysAfter: toInt(e.target.value) })} />
                      </label>
                    </span>
                    <select aria-label={`${t("plans.contactMode")} ${visit.id}`} className="input w-full" value={visit.contactMode} onChange={(e) => setVisit(index, { contactMode: e.target.value as TPlanVisit["contactMode"] })}>
                      {CONTACT_MODES.map((mode) => (
                        <option key={mode} value={mode}>
                          {t(`contact.${mode}`)}
                        </option>
                      ))}
                    </select>
                    <button type="button" className="text-xs text-red-700 underline" onClick={() => removeVisit(index)}>
                      {t("plans.removeVisit", { id: visit.id })}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {kinds.map((kind) => {
                const label = t(`kind.${kind}` as MessageKey);
                return (
                  <tr key={kind} data-testid={`activity-row-${kind}`}>
                    <th scope="row" className="soa-activity">
                      {label}
                    </th>
                    {plan.visits.map((visit, index) => (
                      <td key={visitKeys[index]} className="soa-cell">
                        <input type="checkbox" aria-label={t("plans.cell", { kind: label, visit: visit.id })} checked={visit.activities.some((a) => a.kind === kind)} onChange={(e) => toggleKind(index, kind, e.target.checked)} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className="btn-secondary" onClick={addVisit}>
            {t("plans.addVisit")}
          </button>
          {addable.length > 0 ? (
            <select
              aria-label={t("plans.addActivity")}
              className="input w-auto"
              value=""
              onChange={(e) => {
                const kind = e.target.value as TRequirementKind;
                if (kind) setExtraKinds((previous) => [...previous, kind]);
              }}
            >
              <option value="">{t("plans.addActivity")}</option>
              {addable.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}` as MessageKey)}
                </option>
              ))}
            </select>
          ) : null}
        </div>
        {plan.visits.flatMap((visit) =>
          visitViolations(visit.id).map((v) => (
            <p key={`${visit.id}-${v.code}`} className="field-error">
              {formatViolation(v, t, plan)}
            </p>
          )),
        )}
      </section>

      <section className="card flex min-w-0 flex-col gap-2" aria-labelledby="coverage-heading" data-testid="plan-coverage">
        <h2 id="coverage-heading" className="text-lg font-semibold">
          {t("plans.coverage")}
        </h2>
        <div className="relative overflow-x-auto">
          <table className="table min-w-[40rem]">
            <thead>
              <tr>
                <th scope="col">{t("plans.requirement")}</th>
                <th scope="col">{t("plans.period")}</th>
                <th scope="col">{t("plans.maxInterval")}</th>
                <th scope="col">{t("plans.scheduledAt")}</th>
                <th scope="col">{t("products.status")}</th>
              </tr>
            </thead>
            <tbody>
              {derivation.requirements.map((r) => {
                const gaps = gapsOf(r.kind, r.fromMonth);
                const months = monthsWith(r.kind).filter((m) => m >= r.fromMonth && m <= r.toMonth);
                return (
                  <tr key={`${r.kind}-${r.fromMonth}`} data-testid={`coverage-${r.kind}-${r.fromMonth}`}>
                    <th scope="row" className="font-normal">
                      {t(`kind.${r.kind}` as MessageKey)} <span className="block text-xs text-slate-500">{r.citation}</span>
                    </th>
                    <td className="whitespace-nowrap">
                      {r.fromMonth}–{r.toMonth}
                    </td>
                    <td className="whitespace-nowrap">{t("derivation.months", { months: r.maxIntervalMonths })}</td>
                    <td>{months.join(", ") || t("common.none")}</td>
                    <td>
                      {gaps.length === 0 ? (
                        <span className="text-green-800">{t("plans.covered")}</span>
                      ) : (
                        <span className="text-red-800">
                          {t("plans.notCovered")}: {gaps.map((g) => `${g.gapFromMonth}–${g.gapToMonth}`).join(", ")}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

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
                <textarea id={`justification-${key}`} rows={2} className="input" value={justifications[key] ?? ""} onChange={(e) => { const text = e.target.value; setJustifications((previous) => ({ ...previous, [key]: text })); }} />
              </li>
            );
          })}
        </ul>
      </section>

      <ActionForm action={() => actions.saveDraft(payload())} label={t("plans.saveDraft")} className="flex flex-wrap items-center gap-3" saved={t("plans.saved")}>
        <SubmitButton variant="secondary">{t("plans.saveDraft")}</SubmitButton>
      </ActionForm>

      <ActionForm
        action={saveThenActivate}
        label={t("plans.activateTitle")}
        className="card grid gap-3 sm:grid-cols-3"
        saved={(result) => t("plans.activated", { version: result.version })}
        onSaved={() => router.refresh()}
      >
        <h2 className="font-semibold sm:col-span-3">{t("plans.activateTitle")}</h2>
        <input type="hidden" name="id" value={draft.id} />
        <Field name="effectiveDate" label={t("plans.effectiveDate")}>
          <input type="date" className="input" />
        </Field>
        <Field name="reason" label={t("plans.activationReason")}>
          <input className="input" />
        </Field>
        <div className="flex items-end">
          <SubmitButton>{t("plans.activate")}</SubmitButton>
        </div>
        <ActivationProblem t={t} unjustified={unjustified.length} example={unjustified[0] ? formatViolation(unjustified[0], t, plan) : null} />
        {unjustified.length > 0 ? (
          <p className="text-sm text-amber-800 sm:col-span-3">
            {t("plans.violations", { count: unjustified.length })}: {t("plans.needsJustification")}
          </p>
        ) : null}
      </ActionForm>
    </fieldset>
  );
}
