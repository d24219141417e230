"use client";

import { Children, cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { useFieldError, useFormContext } from "@/components/ui/form";

type ControlProps = { id?: string; name?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/**
 * A labelled field. Inside an `ActionForm`, `name` picks the field's error from the form;
 * outside, `error` is given. Its one control (input, select, textarea) receives the id, the
 * name, `aria-invalid` and `aria-describedby` pointing at the error and the hint, so that a
 * screen reader reads the error with the field when focus lands on it.
 */
export function Field({
  id,
  name,
  errorOf,
  label,
  error,
  hint,
  className,
  children,
}: {
  id?: string;
  name?: string;
  /** Show the form's error of this field without naming the control (a control whose value goes in a JSON field). */
  errorOf?: string;
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  const generated = useId();
  const form = useFormContext();
  const formError = useFieldError(name ?? errorOf);
  const message = error ?? formError;
  const controlId = id ?? (form && name ? `${form.formId}-${name}` : generated);
  const errorId = `${controlId}-error`;
  const hintId = `${controlId}-hint`;
  const describedBy = [message ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const only = Children.toArray(children);
  const control =
    only.length === 1 && isValidElement(only[0])
      ? cloneElement(only[0] as ReactElement<ControlProps>, {
          id: (only[0] as ReactElement<ControlProps>).props.id ?? controlId,
          ...(name && !(only[0] as ReactElement<ControlProps>).props.name ? { name } : {}),
          "aria-invalid": Boolean(message),
          "aria-describedby": describedBy,
        })
      : children;
  return (
    <div className={className}>
      <label className="label" htmlFor={controlId}>
        {label}
      </label>
      {control}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="field-error">
          {label}: {message}
        </p>
      ) : null}
    </div>
  );
}

/** A `Field` whose control is a select of fixed values, each shown by `optionLabel` (a catalog text). */
export function SelectField<V extends string>({ id, name, label, values, optionLabel, defaultValue, className }: { id?: string; name: string; label: string; values: readonly V[]; optionLabel: (value: V) => string; defaultValue?: V; className?: string }) {
  return (
    <Field id={id} name={name} label={label} className={className}>
      <select className="input" defaultValue={defaultValue}>
        {values.map((value) => (
          <option key={value} value={value}>
            {optionLabel(value)}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A group of checkboxes or radios under one name (legend, error). When invalid it takes focus
 * after a failed submit (tabIndex -1) and its error is tied to it.
 */
export function FieldSet({ name, legend, error, className, children }: { name?: string; legend: string; error?: string; className?: string; children: ReactNode }) {
  const id = useId();
  const formError = useFieldError(name);
  const message = error ?? formError;
  return (
    <fieldset className={className} aria-describedby={message ? `${id}-error` : undefined} data-invalid={message ? "true" : undefined} tabIndex={message ? -1 : undefined}>
      <legend className="label">{legend}</legend>
      {children}
      {message ? (
        <p id={`${id}-error`} className="field-error">
          {legend}: {message}
        </p>
      ) : null}
    </fieldset>
  );
}
