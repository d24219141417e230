"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { createProductAction, updateRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { useI18n } from "@/components/i18n/i18n-provider";
import { DerivationPanel } from "@/components/rules/derivation-panel";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { explainDerivation } from "@/lib/rules/derive-requirements";
import {
  defaultFactorsFor,
  EVIDENCE_SOURCES,
  FACTOR_STATUSES,
  listProfileInconsistencies,
  MODALITIES,
  RISK_FACTOR_CLAUSE,
  RISK_FACTORS,
  type TRiskFactors,
} from "@/lib/validation/product";
import { PLATFORMS, ROUTES, type TRiskProfile } from "@/lib/validation/profile";

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

/**
 * Product, profile and the ten factors; the derivation re-computes on every change in the
 * browser (the rules engine is pure), so the sponsor sees what each choice implies.
 */
/** Empty → null (not established); anything else as a number, so "abc" reaches the schema as NaN and is refused, naming the field. */
function parseOptionalNumber(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? "").trim();
  return text === "" ? null : Number(text);
}

export function ProductEditor({ existing }: { existing?: Existing }) {
  const { t } = useI18n();
  const router = useRouter();
  const [profile, setProfile] = useState<TRiskProfile>(existing?.profile ?? NEW_PROFILE);
  const [factors, setFactors] = useState<TRiskFactors>(existing?.factors ?? defaultFactorsFor(NEW_PROFILE));
  const [factorsTouched, setFactorsTouched] = useState(Boolean(existing));
  const [saved, setSaved] = useState<string | null>(null);
  const create = useActionForm(createProductAction);
  const update = useActionForm(updateRiskProfileAction);
  const { derivation, explanation } = useMemo(() => explainDerivation(profile), [profile]);
  const inconsistencies = useMemo(() => listProfileInconsistencies(profile, factors), [profile, factors]);
  const errors = { ...create.fieldErrors, ...update.fieldErrors };
  const formError = create.formError ?? update.formError;
  const factorIssues = [...create.issues, ...update.issues].filter((issue) => issue.field.startsWith("factors."));

  const changeProfile = (next: TRiskProfile) => {
    setProfile(next);
    // Until the sponsor assesses the factors, keep them in line with the characteristics.
    if (!factorsTouched) setFactors(defaultFactorsFor(next));
  };
  const changeFactor = (id: (typeof RISK_FACTORS)[number], patch: Partial<TRiskFactors[typeof id]>) => {
    setFactorsTouched(true);
    setFactors({ ...factors, [id]: { ...factors[id], ...patch } });
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSaved(null);
    if (!existing) {
      const created = await create.submit({
        name: String(form.get("name") ?? ""),
        code: String(form.get("code") ?? ""),
        modality: String(form.get("modality") ?? "other") as (typeof MODALITIES)[number],
        monitoring: { expectedVectorPositivePercentMax: parseOptionalNumber(form.get("expectedVectorPositivePercentMax")) },
        profile,
        factors,
      });
      if (created) router.push(`/sponsor/products/${created.id}`);
      return;
    }
    const result = await update.submit({ productId: existing.id, profile, factors, reason: String(form.get("reason") ?? "") });
    if (result) {
      setSaved(t("products.savedVersion", { version: result.version }));
      router.refresh();
    }
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4" aria-label={existing ? t("products.saveVersion") : t("products.new")}>
        <div className="card grid gap-3 sm:grid-cols-2">
          <Field id="product-name" label={t("products.name")} error={errors.name}>
            <input id="product-name" name="name" className="input" defaultValue={existing?.name} disabled={Boolean(existing)} />
          </Field>
          <Field id="product-code" label={t("products.code")} error={errors.code}>
            <input id="product-code" name="code" className="input" defaultValue={existing?.code} disabled={Boolean(existing)} />
          </Field>
          <Field id="product-modality" label={t("products.modality")} error={errors.modality}>
            <select id="product-modality" name="modality" className="input" defaultValue={existing?.modality ?? "car_t"} disabled={Boolean(existing)}>
              {MODALITIES.map((m) => (
                <option key={m} value={m}>
                  {t(`modality.${m}`)}
                </option>
              ))}
            </select>
          </Field>
          {!existing && (
            <Field id="product-expected-vp" label={t("product.monitoring.expectedVectorPositivePercentMax")} error={errors.monitoring} hint={t("product.monitoring.hint")}>
              <input id="product-expected-vp" name="expectedVectorPositivePercentMax" className="input" inputMode="decimal" />
            </Field>
          )}
          <Field id="product-platform" label={t("products.platform")} error={errors.profile}>
            <select id="product-platform" className="input" value={profile.platform} onChange={(e) => changeProfile({ ...profile, platform: e.target.value as TRiskProfile["platform"] })}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {t(`platform.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="product-route" label={t("products.route")}>
            <select id="product-route" className="input" value={profile.route} onChange={(e) => changeProfile({ ...profile, route: e.target.value as TRiskProfile["route"] })}>
              {ROUTES.map((r) => (
                <option key={r} value={r}>
                  {t(`route.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <fieldset>
            <legend className="label">{t("products.administration")}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="exVivo" checked={profile.exVivo} onChange={() => changeProfile({ ...profile, exVivo: true })} />
              {t("products.exVivo")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="exVivo" checked={!profile.exVivo} onChange={() => changeProfile({ ...profile, exVivo: false })} />
              {t("products.inVivo")}
            </label>
          </fieldset>
          <fieldset className="sm:col-span-2">
            <legend className="label">{t("products.characteristics")}</legend>
            <div className="grid gap-1 sm:grid-cols-2">
              {CHARACTERISTICS.map((c) => (
                <label key={c} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={profile[c]} onChange={(e) => changeProfile({ ...profile, [c]: e.target.checked })} />
                  {t(`products.${c}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>

        <div className="card flex flex-col gap-2">
          <h2 className="text-lg font-semibold">{t("products.factors")}</h2>
          {inconsistencies.length > 0 ? (
            <div role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
              <p>{t("products.inconsistent")}</p>
              <ul className="list-disc pl-5">
                {inconsistencies.map((i) => (
                  <li key={i.field}>
                    {t(`factor.${i.factor}`)}: {t(i.required ? "products.inconsistency.required" : "products.inconsistency.contradicted", { because: t(`products.inconsistency.because.${i.factor}` as MessageKey), clause: i.clause })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("products.factor")}</th>
                <th scope="col">{t("products.status")}</th>
                <th scope="col">{t("products.rationale")}</th>
                <th scope="col">{t("products.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {RISK_FACTORS.map((id) => {
                const issues = factorIssues.filter((issue) => issue.field.startsWith(`factors.${id}.`));
                return (
                  <tr key={id} data-testid={`factor-${id}`}>
                    <th scope="row" className="font-normal">
                      {t(`factor.${id}`)} <span className="block text-xs text-slate-500">{RISK_FACTOR_CLAUSE[id]}</span>
                    </th>
                    <td>
                      <label className="sr-only" htmlFor={`factor-${id}-status`}>
                        {t("products.status")}
                      </label>
                      <select id={`factor-${id}-status`} className="input" value={factors[id].status} onChange={(e) => changeFactor(id, { status: e.target.value as (typeof FACTOR_STATUSES)[number] })}>
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
                      <textarea id={`factor-${id}-rationale`} className="input" rows={2} value={factors[id].rationale} onChange={(e) => changeFactor(id, { rationale: e.target.value })} />
                    </td>
                    <td>
                      <fieldset>
                        <legend className="sr-only">{t("products.evidence")}</legend>
                        {EVIDENCE_SOURCES.map((source) => (
                          <label key={source} className="flex items-center gap-1 text-xs">
                            <input
                              type="checkbox"
                              checked={factors[id].evidence.includes(source)}
                              onChange={(e) =>
                                changeFactor(id, { evidence: e.target.checked ? [...factors[id].evidence, source] : factors[id].evidence.filter((s) => s !== source) })
                              }
                            />
                            {t(`evidence.${source}`)}
                          </label>
                        ))}
                      </fieldset>
                      {issues.map((issue) => (
                        <p key={issue.field} role="alert" className="field-error">
                          {t(`factor.${id}`)} ({issue.field.split(".")[2]}): {issue.message}
                        </p>
                      ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>

        {existing ? (
          <Field id="product-reason" label={t("products.reason")} error={errors.reason}>
            <textarea id="product-reason" name="reason" className="input" rows={2} />
          </Field>
        ) : null}
        {formError ? (
          <p role="alert" className="field-error">
            {formError}
          </p>
        ) : null}
        {saved ? (
          <p role="status" className="text-sm text-green-800">
            {saved}
          </p>
        ) : null}
        <div>
          <button type="submit" className="btn-primary" disabled={create.pending || update.pending}>
            {existing ? t("products.saveVersion") : t("products.create")}
          </button>
        </div>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <DerivationPanel derivation={derivation} explanation={explanation} />
      </div>
    </div>
  );
}
