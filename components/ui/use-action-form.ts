"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { translateFieldError } from "@/lib/i18n/field-errors";
import type { ActionResult } from "@/lib/auth/action";
import type { FieldError } from "@/lib/validation/errors";

/** Submit state for a form backed by a wrapped server action: field errors, form error, pending. */
export function useActionForm<I, R>(action: (input: I) => Promise<ActionResult<R>>) {
  const { locale } = useI18n();
  const tr = (message: string) => translateFieldError(locale, message);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [issues, setIssues] = useState<FieldError[]>([]);

  async function submit(input: I): Promise<R | null> {
    setPending(true);
    setFormError(null);
    try {
      const result = await action(input);
      if (result.ok) {
        setFieldErrors({});
        setIssues([]);
        return result.data;
      }
      const fieldErrors = (result.error.fieldErrors ?? []).map((e) => ({ ...e, message: tr(e.message) }));
      setIssues(fieldErrors);
      const errors: Record<string, string> = {};
      for (const e of fieldErrors) errors[e.field.split(/[.[]/)[0] ?? e.field] ??= e.message;
      if (result.error.field && !errors[result.error.field]) errors[result.error.field] = tr(result.error.message);
      setFieldErrors(errors);
      setFormError(Object.keys(errors).length === 0 ? result.error.message : null);
      return null;
    } finally {
      setPending(false);
    }
  }
  /** fieldErrors: first message per top-level field; issues: every message with its full path. */
  return { submit, fieldErrors, formError, pending, issues };
}
