import type { Failure } from "@/lib/auth/failure";
import type { RefusalParams } from "@/lib/errors";
import type { MessageKey } from "@/lib/i18n/messages/en";
import type { Locale, Translate } from "@/lib/i18n/translate";

/** Parameters whose values are codes with their own catalog entries. */
const CODED_PARAMS: Record<string, string> = { status: "status.", role: "role.", items: "consent.item.", subjectStatus: "status.subject." };

function renderParams(t: Translate, params: RefusalParams | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    const prefix = CODED_PARAMS[name];
    const values = typeof value === "object" ? [...value] : [value];
    const rendered = values.map((v) => (prefix ? t(`${prefix}${v}` as MessageKey) : v));
    out[name] = typeof value === "object" ? rendered.join(t("form.listSeparator")) : rendered[0]!;
  }
  return out;
}

/** A refusal's sentence in the reader's language: its key, else its code's fallback. */
export function refusalMessage(t: Translate, failure: Pick<Failure, "code" | "key" | "params">): string {
  if (failure.key) return t(failure.key, renderParams(t, failure.params));
  return t(`error.${failure.code}`);
}

export interface FormFailure {
  /** First message per top-level field name (`factors.x.status` → `factors`), in the reader's language. */
  fieldErrors: Record<string, string>;
  /** Every field message with its full path, for editors that place them row by row. */
  issues: { field: string; message: string }[];
  /** The message that belongs to no field shown by the form. */
  formError: string | null;
}

/**
 * The failure with its field messages (the shared schemas' English) in the reader's language,
 * through the field-error table (lib/i18n/field-errors.ts). The table is loaded when a refusal
 * needs it, not with every page that has a form (weight budget): the browser calls this after a
 * refused submission, the server for a form posted without JavaScript.
 */
export async function inReaderLanguage(failure: Failure, locale: Locale): Promise<Failure> {
  if (locale === "en" || !failure.fieldErrors?.length) return failure;
  const { translateFieldError } = await import("@/lib/i18n/field-errors");
  return { ...failure, fieldErrors: failure.fieldErrors.map((e) => ({ ...e, message: translateFieldError(locale, withoutFieldPrefix(e.field, e.message)) })) };
}

/** A failed action as a form shows it (field messages already in the reader's language: `inReaderLanguage`), refusals through the catalog. */
export function describeFormFailure(t: Translate, failure: Failure): FormFailure {
  const issues = (failure.fieldErrors ?? []).map((e) => ({ field: e.field, message: withoutFieldPrefix(e.field, e.message) }));
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[topLevel(issue.field)] ??= issue.message;
  if (issues.length > 0) return { fieldErrors, issues, formError: null };
  const message = refusalMessage(t, failure);
  if (failure.field) return { fieldErrors: { [topLevel(failure.field)]: message }, issues: [{ field: failure.field, message }], formError: null };
  return { fieldErrors, issues, formError: message };
}

/**
 * A message without the field name it starts with (`password: the password is not correct`):
 * the API's English messages name their field, a form shows the message under the field's
 * label, which already names it ("Password: password: …" otherwise).
 */
export function withoutFieldPrefix(field: string, message: string): string {
  for (const name of new Set([field, topLevel(field)])) {
    if (name && message.startsWith(`${name}: `)) return message.slice(name.length + 2);
  }
  return message;
}

export function topLevel(field: string): string {
  return field.split(/[.[]/)[0] || field;
}
