import type { z } from "zod";

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; coerce?: boolean };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { def: Def }).def;
}

/** The schema under optional / default / nullable / transform / preprocess / lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (def.innerType && ["optional", "default", "prefault", "nullable", "catch", "readonly", "nonoptional"].includes(def.type)) current = def.innerType;
    // A preprocessed schema (`z.preprocess(fn, schema)`: a transform piped into the schema) is read by the schema.
    else if (def.type === "pipe" && def.in && defOf(def.in).type === "transform" && def.out) current = def.out;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy") current = (current as unknown as { def: { getter: () => z.ZodType } }).def.getter();
    else return current;
  }
  return current;
}

/** Whether a wrapper on the way to the core type is `kind` (optional, nullable, default…). */
function hasWrapper(schema: z.ZodType, kinds: string[]): boolean {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (kinds.includes(def.type)) return true;
    if (def.innerType && ["optional", "default", "prefault", "nullable", "catch", "readonly", "nonoptional"].includes(def.type)) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return false;
  }
  return false;
}

/**
 * An unsent checkbox or checkbox group of an optional field without a default is absent (an
 * update that leaves the field as it is), not false / [].
 */
function absentIsUndefined(schema: z.ZodType): boolean {
  return hasWrapper(schema, ["optional"]) && !hasWrapper(schema, ["default", "prefault"]);
}

function isStructured(schema: z.ZodType): boolean {
  return ["object", "record", "array", "tuple", "union", "intersection", "map"].includes(defOf(unwrap(schema)).type);
}

/** A scalar, or a union with a scalar option (`category` or `{ category, … }`): a checkbox group can send it. */
function acceptsScalar(schema: z.ZodType): boolean {
  const def = defOf(unwrap(schema));
  if (def.type === "union" && def.options) return def.options.some(acceptsScalar);
  return !isStructured(schema);
}

function decodeJson(value: FormDataEntryValue | null | undefined): unknown {
  if (typeof value !== "string" || value === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value; // the schema refuses it, naming the field
  }
}

function decodeScalar(schema: z.ZodType, value: FormDataEntryValue | null | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") return value;
  const core = defOf(unwrap(schema));
  // An empty value of a field that may be null (a "—" option, an emptied number) is null.
  if (value.trim() === "" && hasWrapper(schema, ["nullable"])) return null;
  if (core.type === "number" || core.type === "int" || core.type === "bigint") {
    if (core.coerce) return value; // z.coerce reads the text itself ("" → 0, refused by its bounds)
    return value.trim() === "" ? undefined : Number(value);
  }
  // A yes/no radio pair after a hidden empty input posts "" until answered: no answer, not false.
  if (core.type === "boolean") return value === "" ? undefined : value === "on" || value === "true";
  return value;
}

/** The last value of a name: a checkbox after its hidden `false` (`<input type=hidden value=false>` + checkbox) wins. */
function last(formData: FormData, name: string): FormDataEntryValue | undefined {
  const values = formData.getAll(name);
  return values[values.length - 1];
}

function hasPrefix(formData: FormData, prefix: string): boolean {
  for (const key of formData.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/** The row indexes submitted under `name[i]…`, in order. */
function rowIndexes(formData: FormData, name: string): number[] {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\[(\\d+)\\]`);
  for (const key of formData.keys()) {
    const match = pattern.exec(key);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

/** A row of inputs left entirely empty (an unused line of a repeated group). */
function isBlankRow(formData: FormData, prefix: string): boolean {
  for (const [key, value] of formData.entries()) if (key.startsWith(prefix) && !(typeof value === "string" && value.trim() === "")) return false;
  return true;
}

/**
 * The value of the field `name` (a path: `confounders.lifeExpectancy`, `contactAttempts[1].date`)
 * by its schema. `nested` marks a field inside an object or a row: there an empty text of an
 * optional field is left out (an input the reader did not fill).
 */
function readField(schema: z.ZodType, formData: FormData, name: string, nested: boolean): unknown {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === "boolean") {
    if (formData.has(name)) return decodeScalar(schema, last(formData, name));
    return absentIsUndefined(schema) ? undefined : false;
  }
  if (def.type === "object" && def.shape && hasPrefix(formData, `${name}.`)) return readShape(def.shape, formData, `${name}.`, true);
  if (def.type === "record" && def.valueType && hasPrefix(formData, `${name}.`)) return readRecord(def.valueType, formData, `${name}.`);
  if (def.type === "array" && def.element) {
    const rows = rowIndexes(formData, name);
    if (rows.length > 0) {
      return rows.filter((i) => !isBlankRow(formData, `${name}[${i}]`)).map((i) => readField(def.element!, formData, `${name}[${i}]`, true));
    }
    const values = formData.getAll(name);
    if (values.length === 0 && absentIsUndefined(schema)) return undefined;
    if (values.length === 1 && typeof values[0] === "string" && values[0].startsWith("[")) return decodeJson(values[0]);
    if (acceptsScalar(def.element)) return values.map((v) => decodeScalar(def.element!, v));
    return values.length > 0 ? values : undefined;
  }
  if (isStructured(schema)) return decodeJson(formData.get(name));
  const value = decodeScalar(schema, last(formData, name));
  if (nested && value === "" && hasWrapper(schema, ["optional"])) return undefined;
  return value;
}

/** A record's entries named with a dot (`checklist.purpose`): every key posted, each read by the value's schema (the record's key schema refuses a foreign key). */
function readRecord(valueType: z.ZodType, formData: FormData, prefix: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) if (key.startsWith(prefix)) input[key.slice(prefix.length)] = readField(valueType, formData, key, true);
  return input;
}

function readShape(shape: Record<string, z.ZodType>, formData: FormData, prefix: string, nested: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const value = readField(field, formData, `${prefix}${name}`, nested);
    if (value !== undefined) input[name] = value;
  }
  return input;
}

/**
 * A form's `FormData` as the input its shared zod schema parses, by the schema's shape, so
 * that no form copies `String(form.get(…) ?? "")`. It reads a form posted without JavaScript
 * as well as one submitted by script:
 * - text, enum and date fields: the value as typed (absent → undefined; "" stays "");
 * - numbers: `Number(value)` ("" → undefined; `z.coerce` fields get the text);
 * - a nullable field left empty ("" or a "—" option) → null;
 * - booleans: a checkbox (`on`/`true`; absent → false, or undefined for an optional boolean
 *   without a default; a hidden `false` before the checkbox sends an explicit false), or a
 *   yes/no radio pair (`true`/`false`) after a hidden empty input: unanswered → undefined;
 * - arrays of scalars: every value of the name (checkbox groups; none checked → `[]`, or
 *   undefined for an optional array without a default);
 * - objects: their fields named with a dot (`confounders.lifeExpectancy`), where an empty
 *   text of an optional field is left out;
 * - records: their entries named with a dot (`checklist.purpose`; a checkbox after a hidden
 *   `false` sends each item true or false);
 * - arrays of objects: rows named with an index (`contactAttempts[0].date`); a row left
 *   entirely empty is left out;
 * - otherwise (editors that keep structured state in React): one field holding JSON.
 * The result is still unvalidated: the action parses it with the same schema.
 */
export function inputFromFormData(schema: z.ZodType, formData: FormData): Record<string, unknown> {
  const shape = defOf(unwrap(schema)).shape;
  if (!shape) return Object.fromEntries(formData.entries());
  return readShape(shape, formData, "", false);
}

/**
 * A `z.preprocess` step for a form's schema. A form posts every input it renders (CSS shows only
 * those the chosen option needs, so that it works without JavaScript): `fieldsToDrop` names, for
 * the posted object, the fields of the options not chosen. They are removed before validation,
 * neither refused nor kept. Anything but a plain object passes as given.
 */
export function withoutFormFields(fieldsToDrop: (posted: Record<string, unknown>) => readonly string[]): (input: unknown) => unknown {
  return (input) => {
    if (!input || typeof input !== "object" || Array.isArray(input)) return input;
    const posted = input as Record<string, unknown>;
    const dropped = fieldsToDrop(posted);
    if (dropped.length === 0) return input;
    const rest = { ...posted };
    for (const field of dropped) delete rest[field];
    return rest;
  };
}
