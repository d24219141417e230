"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { PhaseSelect } from "@/components/studies/phase-select";
import { SiteCheckboxes } from "@/components/sponsor/site-checkboxes";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

export function StudyForm({
  products,
  sites,
  action,
}: {
  products: { id: string; name: string; code: string }[];
  sites: { id: string; code: string; name: string }[];
  action: FormAction<{ id: string }>;
}) {
  const { t } = useI18n();
  const router = useRouter();
  if (products.length === 0) return <p className="card text-slate-700">{t("studies.noProducts")}</p>;
  return (
    <ActionForm action={action} label={t("studies.new")} className="card grid gap-3 sm:grid-cols-2" onSaved={(created) => router.push(`/studies/${created.id}`)}>
      <h2 className="font-semibold sm:col-span-2">{t("studies.new")}</h2>
      <Field name="protocolNumber" label={t("studies.protocolNumber")}>
        <input className="input" />
      </Field>
      <Field name="title" label={t("studies.studyTitle")}>
        <input className="input" />
      </Field>
      <Field name="phase" label={t("studies.phase")}>
        <PhaseSelect defaultValue="phase_1" />
      </Field>
      <Field name="productId" label={t("studies.product")}>
        <select className="input">
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} — {p.name}
            </option>
          ))}
        </select>
      </Field>
      <SiteCheckboxes className="sm:col-span-2" legend={t("studies.sites")} sites={sites} />
      <div className="sm:col-span-2">
        <SubmitButton>{t("common.create")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
