"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionResult } from "@/lib/auth/action";
import type { TConsentChecklist } from "@/lib/validation/consent";
import { CONSENT_ITEMS, missingConsentItems } from "@/lib/validation/consent-values";

interface ConsentRow {
  id: string;
  version: number;
  status: "DRAFT" | "ACTIVE" | "SUPERSEDED";
  title: string;
  documentRef: string | null;
  checklist: TConsentChecklist;
  effectiveDate: string | null;
}

export interface ConsentActions {
  create: FormAction<unknown>;
  updateChecklist: (input: FormData | { id: string; checklist: TConsentChecklist }) => Promise<ActionResult<unknown>>;
  activate: FormAction<{ reconsentRequired: boolean }>;
}

function DraftControls({ row, actions }: { row: ConsentRow; actions: ConsentActions }) {
  const { t } = useI18n();
  const [checklist, setChecklist] = useState<TConsentChecklist>(row.checklist);
  const missing = missingConsentItems(checklist);
  // The checkboxes are the form's own fields (`checklist.<item>`, each after a hidden false), so the
  // checklist saves without JavaScript; React state follows them for the missing-items hint and the
  // save-then-activate step, starting from the boxes as hydration finds them.
  const boxes = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const shown = boxes.current?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? [];
    setChecklist(Object.fromEntries([...shown].map((box) => [box.name.slice("checklist.".length), box.checked])) as TConsentChecklist);
  }, []);

  // With JavaScript, activation saves the checklist as shown first: the server checks the saved
  // one. Without it, the form posts the activation alone (save the checklist first).
  const saveThenActivate: FormAction<{ reconsentRequired: boolean }> = async (formData) => {
    const saved = await actions.updateChecklist({ id: row.id, checklist });
    return saved.ok ? actions.activate(formData) : saved;
  };

  return (
    <div className="mt-2 flex flex-col gap-3">
      <ActionForm action={actions.updateChecklist} label={t("consent.saveChecklist")} className="flex flex-col gap-2" saved={t("studies.saved")}>
        <input type="hidden" name="id" value={row.id} />
        <fieldset ref={boxes}>
          <legend className="sr-only">{t("consent.title")}</legend>
          <ul className="grid gap-1 sm:grid-cols-2">
            {CONSENT_ITEMS.map((item) => (
              <li key={item}>
                <input type="hidden" name={`checklist.${item}`} value="false" />
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={`checklist.${item}`}
                    value="true"
                    defaultChecked={row.checklist[item] === true}
                    onChange={(e) => {
                      const checked = e.target.checked;
                      setChecklist((previous) => ({ ...previous, [item]: checked }));
                    }}
                  />
                  {t(`consent.item.${item}`)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="flex flex-wrap items-center gap-2">
          <SubmitButton variant="secondary">{t("consent.saveChecklist")}</SubmitButton>
          {missing.length > 0 ? <span className="text-sm text-amber-800">{t("consent.missing", { items: missing.map((m) => t(`consent.item.${m}`)).join("; ") })}</span> : null}
        </div>
      </ActionForm>
      <ActionForm
        action={saveThenActivate}
        nativeAction={actions.activate}
        label={t("consent.activate")}
        className="grid gap-2 sm:grid-cols-3"
        saved={(result) => (result.reconsentRequired ? t("consent.reconsent") : t("studies.saved"))}
      >
        <input type="hidden" name="id" value={row.id} />
        <Field name="effectiveDate" label={t("consent.effectiveDate")}>
          <input type="date" className="input" />
        </Field>
        <Field name="reason" label={t("consent.reason")}>
          <input className="input" />
        </Field>
        <div className="flex items-end">
          <SubmitButton>{t("consent.activate")}</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}

export function ConsentVersions({ studyId, rows, canManage, actions }: { studyId: string; rows: ConsentRow[]; canManage: boolean; actions: ConsentActions }) {
  const { t } = useI18n();
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
              — {row.title} {row.documentRef ? <code className="text-xs">{row.documentRef}</code> : null} — <StatusBadge status={row.status}>{t(`status.${row.status}`)}</StatusBadge>
              {row.effectiveDate ? ` (${t("consent.effectiveDate")} ${row.effectiveDate})` : ""}
            </p>
            {canManage && row.status === "DRAFT" ? <DraftControls row={row} actions={actions} /> : null}
          </li>
        ))}
      </ul>
      {canManage ? (
        <ActionForm action={actions.create} label={t("consent.create")} className="grid gap-2 sm:grid-cols-3" resetOnSaved>
          <input type="hidden" name="studyId" value={studyId} />
          <Field name="title" label={t("consent.docTitle")}>
            <input className="input" />
          </Field>
          <Field name="documentRef" label={t("consent.documentRef")}>
            <input className="input" />
          </Field>
          <div className="flex items-end">
            <SubmitButton variant="secondary">{t("consent.create")}</SubmitButton>
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
