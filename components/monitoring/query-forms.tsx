"use client";

import { useRouter } from "next/navigation";
import type { QueryActions, RaiseQueryAction } from "@/components/monitoring/action-props";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import type { QueryTargetOption } from "@/lib/db/queries";

/** The target as the form posts it: the `target` object of the schema, as JSON in the option's value. */
const targetValue = (type: string, id: string) => JSON.stringify({ type, id });

/**
 * A monitor raises a query on the subject or one of its visits, AEs or sample results. With one
 * target (raised from the record itself) the target is fixed and shown, not chosen. `idPrefix`
 * keeps the ids unique where several forms share a page.
 */
export function RaiseQueryForm({ subjectId, targets, initialTarget, idPrefix = "", action }: { subjectId: string; targets: QueryTargetOption[]; initialTarget?: string; idPrefix?: string; action: RaiseQueryAction }) {
  const { t } = useI18n();
  const router = useRouter();
  const fixed = targets.length === 1 ? targets[0]! : undefined;
  const initial = targets.find((o) => `${o.type}:${o.id}` === initialTarget);
  return (
    <ActionForm action={action} label={t("queries.raise")} className="grid gap-3" testId="raise-query-form" resetOnSaved onSaved={() => router.refresh()}>
      <input type="hidden" name="subjectId" value={subjectId} />
      {fixed ? (
        <p className="text-sm" data-testid="query-fixed-target">
          <input type="hidden" name="target" value={targetValue(fixed.type, fixed.id)} />
          <span className="text-slate-600">{t("queries.target")}:</span> {t(`queries.target.${fixed.type}`)}: {fixed.label}
        </p>
      ) : (
        <Field id={`${idPrefix}query-target`} name="target" label={t("queries.target")}>
          <select className="input" defaultValue={initial ? targetValue(initial.type, initial.id) : targetValue("subject", subjectId)}>
            {targets.map((option) => (
              <option key={`${option.type}:${option.id}`} value={targetValue(option.type, option.id)}>
                {t(`queries.target.${option.type}`)}: {option.label}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={`${idPrefix}query-text`} name="text" label={t("queries.text")}>
        <textarea className="input" rows={3} />
      </Field>
      <div>
        <SubmitButton>{t("queries.raise")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

type Step = "answer" | "close" | "reopen";
const LABELS = { answer: ["queries.answer", "queries.answerText"], close: ["queries.close", "queries.closeNote"], reopen: ["queries.reopen", "queries.reopenText"] } as const;

/** One step of a query's state machine: answer (investigator), close or reopen (monitor). Closing posts the text as `note`. `idPrefix` as for RaiseQueryForm. */
export function QueryStepForm<S extends Step>({ queryId, step, idPrefix = "", action }: { queryId: string; step: S; idPrefix?: string; action: QueryActions[S] }) {
  const { t } = useI18n();
  const router = useRouter();
  const [button, label] = LABELS[step];
  const id = `${idPrefix}query-${step}-${queryId}`;
  return (
    <ActionForm action={action as FormAction<unknown>} label={t(button)} className="flex flex-wrap items-end gap-2" testId={`query-${step}-form`} resetOnSaved onSaved={() => router.refresh()}>
      <input type="hidden" name="queryId" value={queryId} />
      <div className="min-w-64 flex-1">
        <Field id={id} name={step === "close" ? "note" : "text"} label={t(label)}>
          <input className="input" />
        </Field>
      </div>
      <SubmitButton variant={step === "answer" ? "primary" : "secondary"}>{t(button)}</SubmitButton>
    </ActionForm>
  );
}
