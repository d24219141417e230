import { en, type MessageKey } from "@/lib/i18n/messages/en";
import { zhCN } from "@/lib/i18n/messages/zh-CN";
import type { Locale } from "@/lib/i18n/translate";

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** The whole catalog of a language: for the server (pages, metadata) and tests, never imported by a client component. */
export function messagesFor(locale: Locale): Record<MessageKey, string> {
  return CATALOGS[locale];
}

/**
 * The keys of the given areas (`area.` prefixes) only: what a client component tree receives.
 * Computed once per language and set of areas (the catalogs are constants; every page render
 * asks for the same few sets): the result is shared, callers do not change it.
 */
export function messagesOfAreas(locale: Locale, areas: readonly string[]): Partial<Record<MessageKey, string>> {
  const key = `${locale}|${areas.join(",")}`;
  let out = AREA_MESSAGES.get(key);
  if (!out) {
    out = pickAreas(CATALOGS[locale], areas);
    AREA_MESSAGES.set(key, out);
  }
  return out;
}

const AREA_MESSAGES = new Map<string, Partial<Record<MessageKey, string>>>();

function pickAreas(catalog: Record<MessageKey, string>, areas: readonly string[]): Partial<Record<MessageKey, string>> {
  const wanted = new Set(areas);
  const out: Partial<Record<MessageKey, string>> = {};
  for (const key of Object.keys(catalog) as MessageKey[]) {
    if (wanted.has(key.slice(0, key.indexOf(".")))) out[key] = catalog[key];
  }
  return out;
}
