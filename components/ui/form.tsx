"use client";

import { createContext, startTransition, useActionState, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type FormEvent, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { ActionResult } from "@/lib/auth/action";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import { describeFormFailure, inReaderLanguage, topLevel, type FormFailure } from "@/lib/i18n/failure-message";

/** A wrapped server action (or a client step that returns the same result) fed with the form's data. */
export type FormAction<R> = (formData: FormData) => Promise<ActionResult<R>>;

const noSubscription = () => () => {};

/** A server action passed from the page (a server reference), as opposed to a client function. */
function isServerAction(action: unknown): boolean {
  return typeof (action as { $$FORM_ACTION?: unknown } | null)?.$$FORM_ACTION === "function";
}

interface FormContextValue {
  formId: string;
  pending: boolean;
  submission: number;
  failure: FormFailure | null;
  register: (name: string) => () => void;
  /** The field names shown by the form's `Field`s and `FieldSet`s. */
  claimed: ReadonlySet<string>;
}

const FormContext = createContext<FormContextValue | null>(null);

/** False in the server's HTML and until hydration, then true. */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}

/** The state of the enclosing `ActionForm` (null outside one). */
export function useFormContext(): FormContextValue | null {
  return useContext(FormContext);
}

const NO_FAILURE: FormFailure = { fieldErrors: {}, issues: [], formError: null };

/**
 * The one form of the application. It owns what every form repeated:
 * - submission through React 19's `useActionState` and `<form action>`; the action receives the
 *   form's `FormData`, which `defineAction` reads through the shared zod schema;
 * - without JavaScript, and before hydration: when `action` is a server action passed from the
 *   page (`defineFormAction`, lib/forms/form-action.ts), the form is a native POST to it, and the
 *   page comes back rendered with the saved status or the refusal;
 * - pending state (the submit button is disabled meanwhile), cleared when the action refuses
 *   or throws (an unreachable server becomes a form error, not a stuck button);
 * - field errors (shown by each `Field` of that name, tied with `aria-describedby`) and the
 *   form error, in the reader's language, refusals included;
 * - one `role="alert"` summary per submission, and focus on the first invalid field;
 * - the "saved" status.
 * A client step that is not a server action posts natively to `nativeAction`, when given, until
 * hydration (the sign-in form posts to next-auth's credentials callback).
 * After hydration the form submits from `onSubmit` inside a transition, through a client step
 * that catches a failed request: React then does not reset the fields, so a refused submission
 * keeps what the reader typed.
 */
export function ActionForm<R>({
  action,
  children,
  label,
  className,
  saved,
  onSaved,
  resetOnSaved = false,
  clearOnRefused,
  testId,
  nativeAction,
  initialError,
}: {
  action: FormAction<R>;
  children: ReactNode;
  /** The form's accessible name. */
  label?: string;
  className?: string;
  /** The status shown after a successful submission. */
  saved?: ReactNode | ((data: R) => ReactNode);
  onSaved?: (data: R) => void;
  resetOnSaved?: boolean;
  /** Fields emptied after a refusal (a password is never kept). */
  clearOnRefused?: string[];
  testId?: string;
  /**
   * For a client step that is not a server action: what the form posts to natively before
   * hydration and without JavaScript. A URL (the sign-in form: next-auth's credentials callback),
   * or a server action passed from the page (consent activation: the activation alone, where the
   * client step saves the checklist first).
   */
  nativeAction?: string | FormAction<R>;
  /** A form error the page was rendered with (a refusal reported by a redirect), shown until the first submission. */
  initialError?: string;
}) {
  const { t, locale } = useI18n();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The native (no-JavaScript) submission: React posts the form to the server action, which
  // answers (previous state, FormData) with the next state (lib/forms/form-action.ts), and the
  // page comes back rendered with it.
  const nativeServerAction = isServerAction(action) ? action : typeof nativeAction === "function" && isServerAction(nativeAction) ? nativeAction : null;
  const serverStep = nativeServerAction ? (nativeServerAction as unknown as (previous: FormState<R>, formData: FormData) => Promise<FormState<R>>) : null;
  const nativeUrl = typeof nativeAction === "string" ? nativeAction : undefined;
  const onSavedRef = useRef(onSaved);
  // The submission whose onSaved already ran (in the step, not in an effect).
  const savedHandled = useRef(0);
  const clientStep = useCallback(
    async (previous: FormState<R>, formData: FormData): Promise<FormState<R>> => {
      const submission = previous.submission + 1;
      try {
        const result = await action(formData);
        if (result.ok) {
          // In the action's transition, with the re-rendered page: a parent that unmounts the form
          // on this change (e.g. the re-assessment, no longer needed) still hears of it.
          savedHandled.current = submission;
          onSavedRef.current?.(result.data);
          return { phase: "saved", submission, data: result.data };
        }
        return { phase: "refused", submission, failure: await inReaderLanguage(result.error, locale) };
      } catch (error) {
        console.error(error);
        return { phase: "unreachable", submission };
      }
    },
    [action, locale],
  );
  const hydrated = useHydrated();
  const [state, dispatch, pending] = useActionState<FormState<R>, FormData>(serverStep && !hydrated ? serverStep : clientStep, IDLE);

  const failure = useMemo<FormFailure | null>(() => {
    if (state.phase === "idle" && initialError) return { ...NO_FAILURE, formError: initialError };
    if (state.phase === "refused") return describeFormFailure(t, state.failure);
    if (state.phase === "unreachable") return { ...NO_FAILURE, formError: t("error.network") };
    return null;
  }, [state, t, initialError]);

  const [claimed, setClaimed] = useState<ReadonlySet<string>>(new Set());
  const register = useCallback((name: string) => {
    setClaimed((previous) => (previous.has(name) ? previous : new Set(previous).add(name)));
    return () =>
      setClaimed((previous) => {
        const next = new Set(previous);
        next.delete(name);
        return next;
      });
  }, []);

  const clearOnRefusedRef = useRef(clearOnRefused);
  useEffect(() => {
    onSavedRef.current = onSaved;
    clearOnRefusedRef.current = clearOnRefused;
  });
  useEffect(() => {
    if (state.phase === "saved") {
      if (resetOnSaved) formRef.current?.reset();
      // A submission made without JavaScript (the page came back saved): its onSaved runs now.
      if (savedHandled.current !== state.submission) {
        savedHandled.current = state.submission;
        onSavedRef.current?.(state.data);
      }
    }
    if (state.phase === "refused" || state.phase === "unreachable") {
      for (const name of clearOnRefusedRef.current ?? []) {
        const control = formRef.current?.elements.namedItem(name);
        if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) control.value = "";
      }
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]');
      invalid?.focus();
    }
  }, [state, resetOnSaved]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter ?? undefined);
    startTransition(() => dispatch(formData));
  }

  // Errors of fields the form does not show (an id, a JSON field) go into the summary, with their path.
  const unclaimed = failure ? failure.issues.filter((issue) => !claimed.has(issue.field) && !claimed.has(topLevel(issue.field))) : [];
  const claimedCount = failure ? new Set(failure.issues.filter((issue) => !unclaimed.includes(issue)).map((issue) => (claimed.has(issue.field) ? issue.field : topLevel(issue.field)))).size : 0;
  const savedText = state.phase === "saved" && saved ? (typeof saved === "function" ? (saved as (data: R) => ReactNode)(state.data) : saved) : null;
  const context = useMemo<FormContextValue>(() => ({ formId, pending, submission: state.submission, failure, register, claimed }), [formId, pending, state.submission, failure, register, claimed]);

  return (
    <FormContext.Provider value={context}>
      <form ref={formRef} action={nativeUrl && !hydrated ? nativeUrl : dispatch} method={nativeUrl && !hydrated ? "post" : undefined} onSubmit={onSubmit} noValidate className={className} aria-label={label} data-testid={testId}>
        {children}
        {failure && (failure.formError || unclaimed.length > 0 || claimedCount > 0) ? (
          // Keyed by submission: announced once per submit, not on every keystroke.
          <div key={state.submission} role="alert" className="alert-error col-span-full" data-testid="form-error">
            {failure.formError ? <p>{failure.formError}</p> : null}
            {unclaimed.map((issue) => (
              <p key={issue.field}>{issue.field === topLevel(issue.field) ? issue.message : `${issue.field}: ${issue.message}`}</p>
            ))}
            {claimedCount > 0 && !failure.formError && unclaimed.length === 0 ? <p>{t("form.checkFields", { count: claimedCount })}</p> : null}
          </div>
        ) : null}
        {savedText ? (
          <p key={state.submission} role="status" className="status-saved col-span-full">
            {savedText}
          </p>
        ) : null}
      </form>
    </FormContext.Provider>
  );
}

/** The form's submit button: disabled while the submission is pending. */
export function SubmitButton({ children, variant = "primary", name, value, className }: { children: ReactNode; variant?: "primary" | "secondary"; name?: string; value?: string; className?: string }) {
  const form = useFormContext();
  const pending = form?.pending ?? false;
  return (
    <button type="submit" name={name} value={value} className={`${variant === "primary" ? "btn-primary" : "btn-secondary"} ${className ?? ""}`} disabled={pending} aria-disabled={pending}>
      {children}
    </button>
  );
}

/** The error of the field `name` in the enclosing form, registering it as shown by the form. */
export function useFieldError(name: string | undefined): string | undefined {
  const form = useFormContext();
  const register = form?.register;
  useEffect(() => (name && register ? register(name) : undefined), [name, register]);
  if (!name || !form?.failure) return undefined;
  // A row's input (`contactAttempts[1].date`) shows its own error; a field or group shows the first
  // error of its name that no input of the form shows itself (`assessments` → `assessments.labs`).
  const issues = form.failure.issues;
  return (issues.find((issue) => issue.field === name) ?? (name === topLevel(name) ? issues.find((issue) => topLevel(issue.field) === name && !form.claimed.has(issue.field)) : undefined))?.message;
}
