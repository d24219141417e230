import type { z } from "zod";

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { def: Def }).def;
}

/** The schema under optional / default / nullable / transform / lazy wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    if (def.innerType && ["optional", "default", "prefault", "nullable", "catch", "readonly", "nonoptional"].includes(def.type)) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy") current = (current as unknown as { def: { getter: () => z.ZodType } }).def.getter();
    else return current;
  }
  return current;
}

function isStructured(schema: z.ZodType): boolean {
  return ["object", "record", "array", "tuple", "union", "intersection", "map"].includes(defOf(unwrap(schema)).type);
}

function decodeJson(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string" || value === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value; // the schema refuses it, naming the field
  }
}

function decodeScalar(schema: z.ZodType, value: FormDataEntryValue | null): unknown {
  if (value === null) return undefined;
  if (typeof value !== "string") return value;
  const type = defOf(unwrap(schema)).type;
  if (type === "number" || type === "int" || type === "bigint") return value.trim() === "" ? undefined : Number(value);
  if (type === "boolean") return value === "on" || value === "true";
  return value;
}

/**
 * A form's `FormData` as the input its shared zod schema parses, by the schema's shape, so
 * that no form copies `String(form.get(…) ?? "")`:
 * - text, enum and date fields: the value as typed (absent → undefined; "" stays "");
 * - numbers: `Number(value)` ("" → undefined); booleans: a checkbox (`on`/`true`; absent → false);
 * - arrays of scalars: every value of the name (checkbox groups; none checked → `[]`);
 * - objects, records and arrays of objects: one field holding JSON (editors keep such state
 *   in React and submit it in a hidden input).
 * The result is still unvalidated: the action parses it with the same schema.
 */
export function inputFromFormData(schema: z.ZodType, formData: FormData): Record<string, unknown> {
  const root = unwrap(schema);
  const shape = defOf(root).shape;
  if (!shape) return Object.fromEntries(formData.entries());
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const inner = unwrap(field);
    const type = defOf(inner).type;
    if (type === "boolean") {
      input[name] = formData.has(name) ? decodeScalar(field, formData.get(name)) : false;
    } else if (type === "array" && !isStructured(defOf(inner).element!)) {
      const values = formData.getAll(name);
      input[name] = values.length === 1 && typeof values[0] === "string" && values[0].startsWith("[") ? decodeJson(values[0]) : values.map((v) => decodeScalar(defOf(inner).element!, v));
    } else if (isStructured(field)) {
      const value = decodeJson(formData.get(name));
      if (value !== undefined) input[name] = value;
    } else {
      const value = decodeScalar(field, formData.get(name));
      if (value !== undefined) input[name] = value;
    }
  }
  return input;
}
