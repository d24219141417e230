"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { useI18n } from "@/components/i18n/i18n-provider";
import { DerivationPanel } from "@/components/rules/derivation-panel";
import { Field, FieldSet } from "@/components/ui/field";
import { ActionForm, SubmitButton, useFieldError, useFormContext, useHydrated, type FormAction } from "@/components/ui/form";
import { Alert } from "@/components/ui/alert";
import { explainDerivation } from "@/lib/rules/derive-requirements";
import { translateFieldError } from "@/lib/i18n/field-errors";
import {
  defaultFactorsFor,
  EVIDENCE_SOURCES,
  FACTOR_STATUSES,
  listProfileInconsistencies,
  MODALITIES,
  RISK_FACTOR_CLAUSE,
  RISK_FACTORS,
  type TRiskFactorId,
} from "@/lib/validation/product-values";
import type { TRiskFactors } from "@/lib/validation/product";
import type { TRiskProfile } from "@/lib/validation/profile";
import { PLATFORMS, ROUTES } from "@/lib/validation/profile-values";
import type { Translate } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/translate";

const CHARACTERISTICS = ["geneEditing", "replicationCompetent", "latency", "integrationEnhanced", "germlineDistribution", "targetTissueAccessible"] as const;

const NEW_PROFILE: TRiskProfile = {
  platform: "lentivirus",
  exVivo: true,
  route: "intravenous",
  geneEditing: false,
  replicationCompetent: false,
  latency: false,
  integrationEnhanced: false,
  germlineDistribution: false,
  targetTissueAccessible: true,
};

interface Existing {
  id: string;
  name: string;
  code: string;
  modality: string;
  profile: TRiskProfile;
  factors: TRiskFactors;
}

/** A factor's server-side issues in the reader's language, placed on its row. */
function FactorIssues({ id, t, locale }: { id: TRiskFactorId; t: Translate; locale: Locale }) {
  useFieldError("factors");
  const form = useFormContext();
  const issues = (form?.failure?.issues ?? []).filter((issue) => issue.field.startsWith(`factors.${id}.`));
  return issues.map((issue) => {
    const part = issue.field.split(".")[2] as "status" | "rationale" | "evidence";
    const message = part === "rationale" ? t("products.issue.rationale") : part === "evidence" ? translateFieldError(locale, issue.message) : t("products.issue.status");
    return (
      <p key={issue.field} className="field-error">
        {t(`factor.${id}`)}: {message}
      </p>
    );
  });
}

/**
 * Product, profile and the ten factors; the derivation re-computes on every change in the
 * browser (the rules engine is pure), so the sponsor sees what each choice implies. The
 * profile and factors live in React state and go to the action as JSON fields.
 */
/** Empty → null (not established); a number as a number; anything else as typed, so that the schema refuses it naming the field. */
function monitoringJson(text: string): string {
  const trimmed = text.trim();
  const value = trimmed === "" ? null : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  return JSON.stringify({ expectedVectorPositivePercentMax: value });
}

export function ProductEditor({ existing, action }: { existing?: Existing; action: FormAction<{ id?: string; version?: number }> }) {
  const { t, locale } = useI18n();
  const [expectedVp, setExpectedVp] = useState("");
  const router = useRouter();
  const implied = useCallback(
    (issue: { factor: TRiskFactorId; clause: string }) => t("products.impliedRationale", { because: t(`products.inconsistency.because.${issue.factor}` as MessageKey), clause: issue.clause }),
    [t],
  );
  const [profile, setProfile] = useState<TRiskProfile>(existing?.profile ?? NEW_PROFILE);
  // The profile and factors live in React state: a control changed before hydration would show a
  // choice the state (the derivation, the posted JSON) never saw, so they are enabled by it.
  const live = useHydrated();
  // The sponsor's assessment of the factors; until there is one, they follow the characteristics.
  const [assessed, setAssessed] = useState<TRiskFactors | null>(existing?.factors ?? null);
  const factors = useMemo(() => assessed ?? defaultFactorsFor(profile, implied), [assessed, profile, implied]);
  const { derivation, explanation } = useMemo(() => explainDerivation(profile), [profile]);
  const inconsistencies = useMemo(() => listProfileInconsistencies(profile, factors), [profile, factors]);

  // Functional updates: two changes before a re-render (a quick hand, a browser restoring the
  // form, events replayed at hydration) both count; a handler's copy of the state would undo one.
  const changeProfile = (patch: Partial<TRiskProfile>) => setProfile((previous) => ({ ...previous, ...patch }));
  const changeFactor = <K extends TRiskFactorId>(id: K, patch: Partial<TRiskFactors[K]> | ((factor: TRiskFactors[K]) => Partial<TRiskFactors[K]>)) => {
    const shown = factors; // what the sponsor sees, the base of a first assessment
    setAssessed((previous) => {
      const current = previous ?? shown;
      return { ...current, [id]: { ...current[id], ...(typeof patch === "function" ? patch(current[id]) : patch) } };
    });
  };

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <ActionForm
        action={action}
        label={existing ? t("products.saveVersion") : t("products.new")}
        className="flex min-w-0 flex-col gap-4"
        saved={existing ? (result) => t("products.savedVersion", { version: result.version ?? "" }) : undefined}
        onSaved={(result) => (existing || !result.id ? router.refresh() : router.push(`/sponsor/products/${result.id}`))}
      >
        {existing ? <input type="hidden" name="productId" value={existing.id} /> : null}
        <input type="hidden" name="profile" value={JSON.stringify(profile)} />
        <input type="hidden" name="factors" value={JSON.stringify(factors)} />
        {existing ? null : <input type="hidden" name="monitoring" value={monitoringJson(expectedVp)} />}
        <div className="card grid gap-3 sm:grid-cols-2">
          <Field name={existing ? undefined : "name"} label={t("products.name")}>
            <input className="input" defaultValue={existing?.name} disabled={Boolean(existing)} />
          </Field>
          <Field name={existing ? undefined : "code"} label={t("products.code")}>
            <input className="input" defaultValue={existing?.code} disabled={Boolean(existing)} />
          </Field>
          <Field name={existing ? undefined : "modality"} label={t("products.modality")}>
            <select className="input" defaultValue={existing?.modality ?? "car_t"} disabled={Boolean(existing)}>
              {MODALITIES.map((m) => (
                <option key={m} value={m}>
                  {t(`modality.${m}`)}
                </option>
              ))}
            </select>
          </Field>
          {!existing && (
            <Field id="product-expected-vp" label={t("product.monitoring.expectedVectorPositivePercentMax")} errorOf="monitoring" hint={t("product.monitoring.hint")}>
              <input className="input" inputMode="decimal" disabled={!live} value={expectedVp} onChange={(e) => setExpectedVp(e.target.value)} />
            </Field>
          )}
          <Field id="product-platform" label={t("products.platform")} errorOf="profile">
            <select className="input" disabled={!live} value={profile.platform} onChange={(e) => changeProfile({ platform: e.target.value as TRiskProfile["platform"] })}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {t(`platform.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="product-route" label={t("products.route")}>
            <select className="input" disabled={!live} value={profile.route} onChange={(e) => changeProfile({ route: e.target.value as TRiskProfile["route"] })}>
              {ROUTES.map((r) => (
                <option key={r} value={r}>
                  {t(`route.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <FieldSet legend={t("products.administration")}>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="exVivo" disabled={!live} checked={profile.exVivo} onChange={() => changeProfile({ exVivo: true })} />
              {t("products.exVivo")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="exVivo" disabled={!live} checked={!profile.exVivo} onChange={() => changeProfile({ exVivo: false })} />
              {t("products.inVivo")}
            </label>
          </FieldSet>
          <FieldSet className="sm:col-span-2" legend={t("products.characteristics")}>
            <div className="grid gap-1 sm:grid-cols-2">
              {CHARACTERISTICS.map((c) => (
                <label key={c} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" disabled={!live} checked={profile[c]} onChange={(e) => changeProfile({ [c]: e.target.checked })} />
                  {t(`products.${c}`)}
                </label>
              ))}
            </div>
          </FieldSet>
        </div>

        <div className="card flex min-w-0 flex-col gap-2">
          <h2 className="text-lg font-semibold">{t("products.factors")}</h2>
          {inconsistencies.length > 0 ? (
            <Alert tone="error">
              <p>{t("products.inconsistent")}</p>
              <ul className="list-disc pl-5">
                {inconsistencies.map((i) => (
                  <li key={i.field}>
                    {t(`factor.${i.factor}`)}: {t(i.required ? "products.inconsistency.required" : "products.inconsistency.contradicted", { because: t(`products.inconsistency.because.${i.factor}` as MessageKey), clause: i.clause })}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <div className="relative overflow-x-auto">
            <table className="table min-w-[36rem]">
              <caption className="sr-only">{t("products.factors")}</caption>
              <thead>
                <tr>
                  <th scope="col" className="w-[24%]">
                    {t("products.factor")}
                  </th>
                  <th scope="col" className="w-[7.5rem]">
                    {t("products.status")}
                  </th>
                  <th scope="col">{t("products.rationale")}</th>
                  <th scope="col" className="w-[8.5rem]">
                    {t("products.evidence")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {RISK_FACTORS.map((id) => (
                  <tr key={id} data-testid={`factor-${id}`}>
                    <th scope="row" className="font-normal">
                      {t(`factor.${id}`)} <span className="block text-xs text-slate-500">{RISK_FACTOR_CLAUSE[id]}</span>
                    </th>
                    <td>
                      <label className="sr-only" htmlFor={`factor-${id}-status`}>
                        {t("products.status")}
                      </label>
                      <select id={`factor-${id}-status`} className="input min-w-[6.5rem]" disabled={!live} value={factors[id].status} onChange={(e) => changeFactor(id, { status: e.target.value as (typeof FACTOR_STATUSES)[number] })}>
                        {FACTOR_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {t(`factorStatus.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <label className="sr-only" htmlFor={`factor-${id}-rationale`}>
                        {t("products.rationale")}
                      </label>
                      <textarea id={`factor-${id}-rationale`} className="input min-w-[10rem]" rows={2} disabled={!live} value={factors[id].rationale} onChange={(e) => changeFactor(id, { rationale: e.target.value })} />
                    </td>
                    <td>
                      <fieldset>
                        <legend className="sr-only">{t("products.evidence")}</legend>
                        {EVIDENCE_SOURCES.map((source) => (
                          <label key={source} className="flex items-center gap-1 text-xs">
                            <input
                              type="checkbox"
                              disabled={!live}
                              checked={factors[id].evidence.includes(source)}
                              onChange={(e) => {
                                const checked = e.target.checked;
                                changeFactor(id, (factor) => ({ evidence: checked ? [...factor.evidence.filter((s) => s !== source), source] : factor.evidence.filter((s) => s !== source) }));
                              }}
                            />
                            {t(`evidence.${source}`)}
                          </label>
                        ))}
                      </fieldset>
                      <FactorIssues id={id} t={t} locale={locale} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>

        {existing ? (
          <Field name="reason" label={t("products.reason")}>
            <textarea className="input" rows={2} />
          </Field>
        ) : null}
        <div>
          <SubmitButton>{existing ? t("products.saveVersion") : t("products.create")}</SubmitButton>
        </div>
      </ActionForm>
      <div className="min-w-0 xl:sticky xl:top-4 xl:self-start">
        <DerivationPanel derivation={derivation} explanation={explanation} t={t} />
      </div>
    </div>
  );
}
