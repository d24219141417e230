"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { sampleTypeLabel } from "@/lib/i18n/sample-type";
import type { TPlan, TPlanActivity } from "@/lib/validation/plan";
import { SAMPLE_KINDS, SAMPLE_TYPES, type TRequirementKind } from "@/lib/validation/plan-values";

type SampleSpec = Pick<TPlanActivity, "sampleType" | "assay" | "surrogate">;

/** The sample specification of a kind: that of its first activity in the plan. */
export function sampleSpecOf(plan: TPlan, kind: TRequirementKind): SampleSpec {
  const first = plan.visits.flatMap((v) => v.activities).find((a) => a.kind === kind);
  return { sampleType: first?.sampleType ?? "peripheral_blood", assay: first?.assay, surrogate: first?.surrogate };
}

/** Apply one kind's sample specification to every activity of that kind. */
function applySpec(plan: TPlan, kind: TRequirementKind, patch: Partial<SampleSpec>): TPlan {
  return {
    ...plan,
    visits: plan.visits.map((visit) => ({
      ...visit,
      activities: visit.activities.map((activity) => {
        if (activity.kind !== kind) return activity;
        const next = { ...activity, ...patch };
        if (!next.assay) delete next.assay;
        if (!next.surrogate) delete next.surrogate;
        return next;
      }),
    })),
  };
}

/**
 * Samples of the plan (CDE §2.3.2, §2.4): per sampling activity, the sample type, the assay
 * and whether the sample is a surrogate for an inaccessible target tissue (§2.4.2). One row
 * per kind, applied to every visit that draws it.
 */
export function SampleSpecs({ plan, onChange, targetTissueInaccessible }: { plan: TPlan; onChange: (update: (plan: TPlan) => TPlan) => void; targetTissueInaccessible: boolean }) {
  const { t } = useI18n();
  const kinds = [...new Set(plan.visits.flatMap((v) => v.activities.map((a) => a.kind)))].filter((kind) => SAMPLE_KINDS.has(kind));
  if (kinds.length === 0) return null;
  return (
    <section className="card flex flex-col gap-2" aria-labelledby="samples-heading" data-testid="plan-samples">
      <h2 id="samples-heading" className="text-lg font-semibold">
        {t("plans.samples")}
      </h2>
      {targetTissueInaccessible ? <p className="text-sm text-slate-700">{t("plans.surrogateHint")}</p> : null}
      <div className="relative overflow-x-auto">
      <table className="table min-w-[36rem]">
        <thead>
          <tr>
            <th scope="col">{t("derivation.kind")}</th>
            <th scope="col">{t("plans.sampleType")}</th>
            <th scope="col">{t("plans.assay")}</th>
            <th scope="col">{t("plans.surrogateColumn")}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => {
            const spec = sampleSpecOf(plan, kind);
            const label = t(`kind.${kind}` as MessageKey);
            const types: string[] = [...SAMPLE_TYPES];
            if (spec.sampleType && !types.includes(spec.sampleType)) types.push(spec.sampleType);
            return (
              <tr key={kind} data-testid={`sample-${kind}`}>
                <th scope="row" className="text-left font-normal">
                  {label}
                </th>
                <td>
                  <select aria-label={`${t("plans.sampleType")}: ${label}`} className="input" value={spec.sampleType} onChange={(e) => { const sampleType = e.target.value; onChange((current) => applySpec(current, kind, { sampleType })); }}>
                    {types.map((type) => (
                      <option key={type} value={type}>
                        {sampleTypeLabel(t, type)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={`${t("plans.assay")}: ${label}`} className="input" maxLength={200} value={spec.assay ?? ""} onChange={(e) => { const assay = e.target.value; onChange((current) => applySpec(current, kind, { assay })); }} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${t("plans.surrogateColumn")}: ${label}`} checked={Boolean(spec.surrogate)} onChange={(e) => { const surrogate = e.target.checked; onChange((current) => applySpec(current, kind, { surrogate })); }} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
    </section>
  );
}
