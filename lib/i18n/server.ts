import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { messagesFor } from "@/lib/i18n/catalogs";
import { createTranslator, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/translate";

/** The remembered language (cookie), else the browser's preference. */
export const getLocale = cache(async (): Promise<Locale> => {
  const remembered = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(remembered)) return remembered;
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
});

export async function getTranslator() {
  return createTranslator(messagesFor(await getLocale()));
}
