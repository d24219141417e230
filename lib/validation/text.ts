import { z } from "zod";

/**
 * PostgreSQL `text` cannot hold a NUL character, and a lone UTF-16 surrogate has no UTF-8
 * encoding: either reaches the database as a 500. Every stored string goes through one of
 * these schemas, which refuse both and bound the length, naming the field through zod's path.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_MESSAGE = "must not contain a NUL character or an unpaired surrogate";

/** A stored string of at most `max` characters (default 2,000). */
export function storableText(max = 2000) {
  return z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !UNSTORABLE.test(value), { error: UNSTORABLE_TEXT_MESSAGE });
}

/** Short identifiers and names (codes, titles, e-mail local parts): at most 200 characters. */
export const ZShortText = storableText(200);
/** Free text (reasons, notes, rationales): at most 2,000 characters. */
export const ZLongText = storableText(2000);
