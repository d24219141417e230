"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { FieldSet } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";
import type { MessageKey } from "@/lib/i18n/messages/en";

/** A set of checkboxes saved as a whole (study sites, study members): `name` is the schema's array field. */
export function CheckboxSetForm({
  legend,
  submitLabel,
  name,
  hidden,
  options,
  selected,
  action,
}: {
  legend: MessageKey;
  submitLabel: MessageKey;
  name: string;
  hidden: Record<string, string>;
  options: { id: string; label: string }[];
  selected: string[];
  action: FormAction<unknown>;
}) {
  const { t } = useI18n();
  return (
    <ActionForm action={action} label={t(legend)} className="flex flex-col gap-2" saved={t("studies.saved")}>
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <FieldSet name={name} legend={t(legend)}>
        <div className="flex flex-wrap gap-4">
          {options.map((option) => (
            <label key={option.id} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name={name} value={option.id} defaultChecked={selected.includes(option.id)} />
              {option.label}
            </label>
          ))}
        </div>
      </FieldSet>
      <SubmitButton variant="secondary" className="self-start">
        {t(submitLabel)}
      </SubmitButton>
    </ActionForm>
  );
}
