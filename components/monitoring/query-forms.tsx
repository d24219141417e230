"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { QueryActions, RaiseQueryAction } from "@/components/monitoring/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { QueryTargetOption } from "@/lib/db/queries";
import type { TQueryTargetType } from "@/lib/validation/query";

/**
 * A monitor raises a query on the subject or one of its visits, AEs or sample results. With one
 * target (raised from the record itself) the target is fixed and shown, not chosen. `idPrefix`
 * keeps the ids unique where several forms share a page.
 */
export function RaiseQueryForm({ subjectId, targets, initialTarget, idPrefix = "", action }: { subjectId: string; targets: QueryTargetOption[]; initialTarget?: string; idPrefix?: string; action: RaiseQueryAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm(action);
  const fixed = targets.length === 1 ? targets[0]! : undefined;
  const [target, setTarget] = useState(fixed ? `${fixed.type}:${fixed.id}` : initialTarget && targets.some((o) => `${o.type}:${o.id}` === initialTarget) ? initialTarget : `subject:${subjectId}`);
  const [text, setText] = useState("");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const [type, ...rest] = target.split(":");
    const saved = await submit({ subjectId, target: { type: type as TQueryTargetType, id: rest.join(":") }, text });
    if (saved) {
      setText("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" aria-label={t("queries.raise")} data-testid="raise-query-form">
      {fixed ? (
        <p className="text-sm" data-testid="query-fixed-target">
          <span className="text-slate-600">{t("queries.target")}:</span> {t(`queries.target.${fixed.type}`)}: {fixed.label}
        </p>
      ) : (
        <Field id={`${idPrefix}query-target`} label={t("queries.target")} error={fieldErrors.target}>
          <select id={`${idPrefix}query-target`} className="input" value={target} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((option) => (
              <option key={`${option.type}:${option.id}`} value={`${option.type}:${option.id}`}>
                {t(`queries.target.${option.type}`)}: {option.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      {fixed && fieldErrors.target ? (
        <p role="alert" className="field-error">
          {fieldErrors.target}
        </p>
      ) : null}
      <Field id={`${idPrefix}query-text`} label={t("queries.text")} error={fieldErrors.text}>
        <textarea id={`${idPrefix}query-text`} className="input" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </Field>
      {formError || fieldErrors.subjectId ? (
        <p role="alert" className="field-error">
          {formError ?? fieldErrors.subjectId}
        </p>
      ) : null}
      <div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {t("queries.raise")}
        </button>
      </div>
    </form>
  );
}

type Step = "answer" | "close" | "reopen";
const LABELS = { answer: ["queries.answer", "queries.answerText"], close: ["queries.close", "queries.closeNote"], reopen: ["queries.reopen", "queries.reopenText"] } as const;

/** One step of a query's state machine: answer (investigator), close or reopen (monitor). `idPrefix` as for RaiseQueryForm. */
export function QueryStepForm<S extends Step>({ queryId, step, idPrefix = "", action }: { queryId: string; step: S; idPrefix?: string; action: QueryActions[S] }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, fieldErrors, formError, pending } = useActionForm<{ queryId: string; text?: string; note?: string }, unknown>(action as never);
  const [text, setText] = useState("");
  const [button, label] = LABELS[step];
  const id = `${idPrefix}query-${step}-${queryId}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await submit(step === "close" ? { queryId, note: text } : { queryId, text });
    if (saved) {
      setText("");
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-2" aria-label={t(button)} data-testid={`query-${step}-form`}>
      <div className="min-w-64 flex-1">
        <Field id={id} label={t(label)} error={fieldErrors.text ?? fieldErrors.note}>
          <input id={id} className="input" value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className={step === "answer" ? "btn-primary" : "btn-secondary"} disabled={pending}>
        {t(button)}
      </button>
      {formError || fieldErrors.status ? (
        <p role="alert" className="field-error w-full">
          {formError ?? fieldErrors.status}
        </p>
      ) : null}
    </form>
  );
}
