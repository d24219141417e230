"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { PhaseSelect } from "@/components/studies/phase-select";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { STUDY_PHASES } from "@/lib/validation/study";

export function StudyForm({ products, sites }: { products: { id: string; name: string; code: string }[]; sites: { id: string; code: string; name: string }[] }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(createStudyAction);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const created = await submit({
      protocolNumber: String(form.get("protocolNumber") ?? ""),
      title: String(form.get("title") ?? ""),
      phase: String(form.get("phase") ?? "") as (typeof STUDY_PHASES)[number],
      productId: String(form.get("productId") ?? ""),
      siteIds: form.getAll("siteIds").map(String),
    });
    if (created) router.push(`/studies/${created.id}`);
  }

  if (products.length === 0) return <p className="card text-slate-700">{t("studies.noProducts")}</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="card grid gap-3 sm:grid-cols-2" aria-label={t("studies.new")}>
      <h2 className="font-semibold sm:col-span-2">{t("studies.new")}</h2>
      <Field id="study-protocol" label={t("studies.protocolNumber")} error={fieldErrors.protocolNumber}>
        <input id="study-protocol" name="protocolNumber" className="input" />
      </Field>
      <Field id="study-title" label={t("studies.studyTitle")} error={fieldErrors.title}>
        <input id="study-title" name="title" className="input" />
      </Field>
      <Field id="study-phase" label={t("studies.phase")} error={fieldErrors.phase}>
        <PhaseSelect id="study-phase" defaultValue="phase_1" />
      </Field>
      <Field id="study-product" label={t("studies.product")} error={fieldErrors.productId}>
        <select id="study-product" name="productId" className="input">
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} — {p.name}
            </option>
          ))}
        </select>
      </Field>
      <SiteCheckboxes className="sm:col-span-2" legend={t("studies.sites")} sites={sites} error={fieldErrors.siteIds} />
      {formError ? (
        <p role="alert" className="field-error sm:col-span-2">
          {formError}
        </p>
      ) : null}
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("common.loading") : t("common.create")}
        </button>
      </div>
    </form>
  );
}
