"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { ActionResult } from "@/lib/auth/action";
import { describeFormFailure } from "@/lib/i18n/failure-message";
import type { FieldError } from "@/lib/validation/errors";

/**
 * Calls a wrapped server action from a button that is not a form (an immediate toggle). Forms
 * use `ActionForm` (components/ui/form.tsx). Errors come back in the reader's language; pending
 * is cleared even when the call throws.
 */
export function useActionForm<I, R>(action: (input: I) => Promise<ActionResult<R>>) {
  const { t, locale } = useI18n();
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
      const failure = describeFormFailure(t, locale, result.error);
      setIssues(failure.issues);
      setFieldErrors(failure.fieldErrors);
      setFormError(failure.formError);
      return null;
    } catch {
      setFormError(t("error.network"));
      return null;
    } finally {
      setPending(false);
    }
  }
  /** fieldErrors: first message per top-level field; issues: every message with its full path. */
  return { submit, fieldErrors, formError, pending, issues };
}
