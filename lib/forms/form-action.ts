import "server-only";
import type { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/auth/action";
import type { Actor } from "@/lib/auth/actor";
import { guardOf, markGuarded } from "@/lib/auth/guarded";
import type { Permission } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { nextSubmission, type FormState } from "@/lib/forms/form-state";
import { inReaderLanguage } from "@/lib/i18n/failure-message";
import { getLocale } from "@/lib/i18n/server";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/translate";

/** The request's reader language (English outside a request). */
async function requestLocale(): Promise<Locale> {
  try {
    return await getLocale();
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** Marks an action that also answers a form posted without JavaScript (see `formCapable`). */
export const FORM_CAPABLE = Symbol.for("ltfu.formCapable");

/** A server action callable with its input (or a form's FormData), and by React with (previous state, FormData). */
export interface FormCapableAction<I, R> {
  (input: I | FormData): Promise<ActionResult<R>>;
  (previous: FormState<R>, formData: FormData): Promise<FormState<R>>;
}

/**
 * A guarded action that also answers `useActionState`: a form posted without JavaScript (or
 * before hydration) calls the page's server action with (previous state, FormData), and the page
 * is rendered with the returned `FormState` (saved or refused). Called with one argument it is the
 * action itself. The previous state comes from the browser: only its submission count is read.
 */
export function formCapable<I, R>(action: ((input: I | FormData) => Promise<ActionResult<R>>) & object, readerLocale: () => Promise<Locale> = requestLocale): FormCapableAction<I, R> {
  const mark = guardOf(action);
  if (mark === undefined) throw new Error("formCapable: the action is not guarded (defineAction)");
  async function answer(first: I | FormData | FormState<R>, second?: FormData): Promise<ActionResult<R> | FormState<R>> {
    if (second === undefined) return action(first as I | FormData);
    const submission = nextSubmission(first);
    if (!(second instanceof FormData)) return { phase: "refused", submission, failure: { code: "bad_request", message: "This is not a form of the application." } };
    const result = await action(second);
    // Rendered by the server: the field messages go out in the reader's language.
    return result.ok ? { phase: "saved", submission, data: result.data } : { phase: "refused", submission, failure: await inReaderLanguage(result.error, await readerLocale()) };
  }
  Object.defineProperty(answer, FORM_CAPABLE, { value: true, enumerable: false });
  return markGuarded(answer, mark) as FormCapableAction<I, R>;
}

export function isFormCapable(value: unknown): boolean {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[FORM_CAPABLE] === true;
}

interface FormActionDefinition<S extends z.ZodType, R> {
  permission: Permission;
  input: S;
  handler: (context: { actor: Actor; input: z.output<S>; db: Db }) => Promise<R>;
  revalidate?: (input: z.output<S>, result: R) => string[];
}

/**
 * `defineAction` (session, permission, schema, result) whose action also answers a form posted
 * without JavaScript; `run(actor, input)` stays for the integration tests. Every server action of
 * the app is defined with it (tests/unit/guards.test.ts).
 */
export function defineFormAction<S extends z.ZodType, R>(definition: FormActionDefinition<S, R>) {
  const action = defineAction(definition);
  return Object.assign(formCapable<z.input<S>, R>(action), { run: action.run });
}
