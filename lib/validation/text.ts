import { z } from "zod";

/**
 * PostgreSQL `text` and `jsonb` cannot hold a NUL character, and a lone UTF-16 surrogate has no
 * UTF-8 encoding: either reaches the database as a 500. Every stored string goes through one of
 * these schemas, which refuse both and bound the length, naming the field through zod's path.
 * `findUnstorableString` is the same check over a whole parsed body; the route and action
 * wrappers run it before any schema, so a schema that forgets still cannot let one through.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = "must not contain a NUL character or an unpaired surrogate";

export function isStorableString(value: string): boolean {
  return !UNSTORABLE.test(value);
}

const maxMessage = (max: number) => ({ error: `must be at most ${max} characters` });

/** A stored string of at most `max` characters (default 2,000), kept as typed (passwords). */
export function storableText(max = 2000) {
  return z
    .string()
    .max(max, maxMessage(max))
    .refine(isStorableString, { error: UNSTORABLE_TEXT_MESSAGE });
}

/** A stored string, trimmed, then at most `max` characters. May be empty. */
export function trimmedText(max = 2000) {
  return z
    .string()
    .trim()
    .max(max, maxMessage(max))
    .refine(isStorableString, { error: UNSTORABLE_TEXT_MESSAGE });
}

/** A stored string, trimmed, not empty (`emptyMessage` says what to enter), at most `max` characters. */
export function requiredText(max: number, emptyMessage?: string) {
  return trimmedText(max).min(1, emptyMessage ? { error: emptyMessage } : { error: "must not be empty" });
}

/** Short identifiers and names (codes, titles, e-mail local parts): at most 200 characters. */
export const ZShortText = storableText(200);
/** Free text (reasons, notes, rationales): at most 2,000 characters. */
export const ZLongText = storableText(2000);

/** A record id as the API and forms pass it (cuid today; at most 64 characters, trimmed). */
export const ZRecordId = requiredText(64);

/** Where in a JSON value the first unstorable string (as a value or as a key) sits, or null. */
export function findUnstorableString(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return isStorableString(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (!isStorableString(key)) return [...path, key];
      const found = findUnstorableString(child, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
