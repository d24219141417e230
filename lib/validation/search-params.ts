import type { z } from "zod";

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * A page's search parameters, each parsed on its own by its field of `schema` (an object of
 * optional fields): a bad one is reported (its name and the schema's message, for BadParams) and
 * left out, the others are kept — `?study=X&page=0` still shows study X, not everything.
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, raw: SearchParams): { params: z.infer<S>; refused: Array<{ field: string; message: string }> } {
  const params: Record<string, unknown> = {};
  const refused: Array<{ field: string; message: string }> = [];
  for (const [field, fieldSchema] of Object.entries(schema.shape) as Array<[string, z.ZodType]>) {
    const value = raw[field];
    const parsed = fieldSchema.safeParse(Array.isArray(value) ? value[0] : value);
    if (parsed.success) params[field] = parsed.data;
    else refused.push({ field, message: parsed.error.issues[0]?.message ?? "invalid" });
  }
  return { params: params as z.infer<S>, refused };
}
