/**
 * Path parameters, parsed strictly: a record id is 1–64 letters, digits, `_` or `-` (cuids);
 * a number is decimal digits without a leading zero, within PostgreSQL's `integer`
 * (0 … 2147483647). Anything else names no record: the caller answers 404. `0x1`, `1.0`,
 * `+1`, `01`, `1e3` and `2147483648` are all refused, so no two spellings reach one row.
 * Used by defineRoute (every /api/v1 parameter) and pageParams (every page).
 */
export type PathParamKind = "id" | "int";

export const MAX_PATH_INT = 2_147_483_647;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const INT = /^(0|[1-9][0-9]{0,9})$/;

export function parsePathInt(raw: string | undefined): number | null {
  if (raw === undefined || !INT.test(raw)) return null;
  const value = Number(raw);
  return value <= MAX_PATH_INT ? value : null;
}

export function isPathId(raw: string | undefined): raw is string {
  return raw !== undefined && ID.test(raw);
}

export type ParsedPathParams<K extends Record<string, PathParamKind>> = { [P in keyof K]: K[P] extends "int" ? number : string };

/** Every parameter checked against its kind (undeclared ones are ids); null when any fails. */
export function parsePathParams<K extends Record<string, PathParamKind>>(raw: Record<string, string | string[] | undefined>, kinds: K): ParsedPathParams<K> | null {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string") return null;
    if (kinds[name] === "int") {
      const parsed = parsePathInt(value);
      if (parsed === null) return null;
      out[name] = parsed;
    } else {
      if (!isPathId(value)) return null;
      out[name] = value;
    }
  }
  for (const name of Object.keys(kinds)) if (!(name in out)) return null;
  return out as ParsedPathParams<K>;
}
