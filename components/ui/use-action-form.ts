"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/auth/action";

/** Submit state for a form backed by a wrapped server action: field errors, form error, pending. */
export function useActionForm<I, R>(action: (input: I) => Promise<ActionResult<R>>) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(input: I): Promise<R | null> {
    setPending(true);
    setFormError(null);
    try {
      const result = await action(input);
      if (result.ok) {
        setFieldErrors({});
        return result.data;
      }
      const errors = Object.fromEntries((result.error.fieldErrors ?? []).map((e) => [e.field.split(/[.[]/)[0] ?? e.field, e.message]));
      if (result.error.field && !errors[result.error.field]) errors[result.error.field] = result.error.message;
      setFieldErrors(errors);
      setFormError(Object.keys(errors).length === 0 ? result.error.message : null);
      return null;
    } finally {
      setPending(false);
    }
  }
  return { submit, fieldErrors, formError, pending };
}
