import type { z } from "zod";

/** A zod issue path as users read it: `visits[2].offsetMonths`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Every issue of a failed parse, each naming its field. The root is named `(input)`. */
export function listFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: formatIssuePath(issue.path) || "(input)",
    message: issue.message,
  }));
}

/** One line per issue: `field: message`. */
export function formatZodError(error: z.ZodError): string {
  return listFieldErrors(error)
    .map((e) => `${e.field}: ${e.message}`)
    .join("\n");
}
