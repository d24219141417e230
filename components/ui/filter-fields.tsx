import type { InputHTMLAttributes } from "react";

/**
 * The fields of a GET filter form (the subject list, the dashboard, the audit trail, the enrolment
 * study picker): a label over the control, the address's current value as the default. Server
 * components: a filter form works without JavaScript, and its `key` (the address) remounts it when
 * a link changes the filter.
 */
export function FilterSelect({
  id,
  name,
  label,
  anyLabel,
  value,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  /** The first option, "all" (empty value); without it one of `options` must be chosen (the enrolment study picker). */
  anyLabel?: string;
  value?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  className?: string;
}) {
  return (
    <div className={className}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={name} className="input" defaultValue={value ?? ""}>
        {anyLabel !== undefined ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled input of a GET filter form; `className` sizes its box (the input fills it). */
export function FilterInput({ id, name, label, value, className, ...input }: { id: string; name: string; label: string; value?: string | number; className?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "defaultValue" | "value" | "className">) {
  return (
    <div className={className}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={name} className="input" defaultValue={value ?? ""} {...input} />
    </div>
  );
}
