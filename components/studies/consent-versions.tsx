"use client";

import { useState, type FormEvent } from "react";
import { activateConsentVersionAction, createConsentVersionAction, updateConsentChecklistAction } from "@/app/(app)/studies/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import { CONSENT_ITEMS, missingConsentItems, type TConsentChecklist } from "@/lib/validation/consent";

interface ConsentRow {
  id: string;
  version: number;
  status: "DRAFT" | "ACTIVE" | "SUPERSEDED";
  title: string;
  documentRef: string | null;
  checklist: TConsentChecklist;
  effectiveDate: string | null;
}

function DraftControls({ row }: { row: ConsentRow }) {
  const { t } = useI18n();
  const [checklist, setChecklist] = useState<TConsentChecklist>(row.checklist);
  const save = useActionForm(updateConsentChecklistAction);
  const activate = useActionForm(activateConsentVersionAction);
  const [reconsent, setReconsent] = useState(false);
  const missing = missingConsentItems(checklist);

  async function onActivate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const saved = await save.submit({ id: row.id, checklist });
    if (!saved) return;
    const result = await activate.submit({ id: row.id, effectiveDate: String(form.get("effectiveDate") ?? ""), reason: String(form.get("reason") ?? "") });
    if (result) setReconsent(result.reconsentRequired);
  }

  return (
    <div className="mt-2 flex flex-col gap-3">
      <fieldset>
        <legend className="sr-only">{t("consent.title")}</legend>
        <ul className="grid gap-1 sm:grid-cols-2">
          {CONSENT_ITEMS.map((item) => (
            <li key={item}>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={checklist[item] === true} onChange={(e) => setChecklist({ ...checklist, [item]: e.target.checked })} />
                {t(`consent.item.${item}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex items-center gap-2">
        <button type="button" className="btn-secondary" disabled={save.pending} onClick={() => save.submit({ id: row.id, checklist })}>
          {t("consent.saveChecklist")}
        </button>
        {missing.length > 0 ? <span className="text-sm text-amber-800">{t("consent.missing", { items: missing.map((m) => t(`consent.item.${m}`)).join("; ") })}</span> : null}
      </div>
      <form onSubmit={onActivate} noValidate className="grid gap-2 sm:grid-cols-3">
        <Field id={`consent-date-${row.id}`} label={t("consent.effectiveDate")} error={activate.fieldErrors.effectiveDate}>
          <input id={`consent-date-${row.id}`} name="effectiveDate" type="date" className="input" />
        </Field>
        <Field id={`consent-reason-${row.id}`} label={t("consent.reason")} error={activate.fieldErrors.reason}>
          <input id={`consent-reason-${row.id}`} name="reason" className="input" />
        </Field>
        <div className="flex items-end">
          <button type="submit" className="btn-primary" disabled={activate.pending}>
            {t("consent.activate")}
          </button>
        </div>
        {activate.formError || activate.fieldErrors.checklist || save.formError ? (
          <p role="alert" className="field-error sm:col-span-3">
            {activate.fieldErrors.checklist ?? activate.formError ?? save.formError}
          </p>
        ) : null}
        {reconsent ? (
          <p role="status" className="text-sm text-amber-800 sm:col-span-3">
            {t("consent.reconsent")}
          </p>
        ) : null}
      </form>
    </div>
  );
}

export function ConsentVersions({ studyId, rows, canManage }: { studyId: string; rows: ConsentRow[]; canManage: boolean }) {
  const { t } = useI18n();
  const create = useActionForm(createConsentVersionAction);
  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const created = await create.submit({ studyId, title: String(form.get("title") ?? ""), documentRef: String(form.get("documentRef") ?? "") || undefined, checklist: {} });
    if (created) formElement.reset();
  }
  return (
    <section className="card flex flex-col gap-3" aria-labelledby="consent-heading">
      <h2 id="consent-heading" className="text-lg font-semibold">
        {t("consent.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("consent.intro")}</p>
      {rows.length === 0 ? <p className="text-sm">{t("consent.empty")}</p> : null}
      <ul className="flex flex-col gap-3">
        {rows.map((row) => (
          <li key={row.id} className="rounded border border-slate-200 p-3" data-testid={`consent-v${row.version}`}>
            <p className="text-sm">
              <strong>
                {t("consent.version")} {row.version}
              </strong>{" "}
              — {row.title} {row.documentRef ? <code className="text-xs">{row.documentRef}</code> : null} — {t(`status.${row.status}`)}
              {row.effectiveDate ? ` (${t("consent.effectiveDate")} ${row.effectiveDate})` : ""}
            </p>
            {canManage && row.status === "DRAFT" ? <DraftControls row={row} /> : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <form onSubmit={onCreate} noValidate className="grid gap-2 sm:grid-cols-3">
          <Field id="consent-title" label={t("consent.docTitle")} error={create.fieldErrors.title}>
            <input id="consent-title" name="title" className="input" />
          </Field>
          <Field id="consent-ref" label={t("consent.documentRef")} error={create.fieldErrors.documentRef}>
            <input id="consent-ref" name="documentRef" className="input" />
          </Field>
          <div className="flex items-end">
            <button type="submit" className="btn-secondary" disabled={create.pending}>
              {t("consent.create")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
