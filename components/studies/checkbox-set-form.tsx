"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { ActionResult } from "@/lib/auth/action";
import type { MessageKey } from "@/lib/i18n/messages/en";

/** A set of checkboxes saved as a whole (study sites, study members). */
export function CheckboxSetForm({
  legend,
  submitLabel,
  options,
  selected,
  onSave,
}: {
  legend: MessageKey;
  submitLabel: MessageKey;
  options: { id: string; label: string }[];
  selected: string[];
  onSave: (ids: string[]) => Promise<ActionResult<unknown>>;
}) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const result = await onSave(new FormData(event.currentTarget).getAll("ids").map(String));
    setPending(false);
    setMessage(result.ok ? { ok: true, text: t("studies.saved") } : { ok: false, text: result.error.message });
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-2">
      <fieldset>
        <legend className="label">{t(legend)}</legend>
        <div className="flex flex-wrap gap-4">
          {options.map((option) => (
            <label key={option.id} className="flex items-center gap-1 text-sm">
              <input type="checkbox" name="ids" value={option.id} defaultChecked={selected.includes(option.id)} />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t(submitLabel)}
        </button>
        {message ? (
          <span role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-green-800" : "field-error"}>
            {message.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
