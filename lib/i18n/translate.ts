import type { MessageKey } from "@/lib/i18n/messages/en";

/*
 * Pure and catalog-free: the browser imports this file, so it must not pull the catalogs in
 * (they are ~18 kB gzipped). The server reads them through lib/i18n/catalogs.ts.
 */

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "ltfu-locale";

/** The language cookie, remembered a year: set by the switch in the browser and by app/locale/route.ts. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${365 * 24 * 60 * 60}; SameSite=Lax`;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** `t("shell.signedInAs", { email })`: catalog lookup with `{name}` placeholders. */
export function createTranslator(messages: Partial<Record<MessageKey, string>>): Translate {
  return (key, vars) => {
    const template = messages[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}

/** The locale to use without a remembered choice: the browser's preference if it is Chinese. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  return header && /^\s*zh\b/i.test(header) ? "zh-CN" : DEFAULT_LOCALE;
}
