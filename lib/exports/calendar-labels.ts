import type { CalendarLabels } from "@/lib/exports/ical";
import { messagesFor } from "@/lib/i18n/catalogs";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { createTranslator, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, type Locale } from "@/lib/i18n/translate";

/**
 * The calendar feed's words in a language, from the catalogs: summary and description lines
 * (exports area), contact modes and statuses (subjects area), activity kinds (rules area) and the
 * source of a visit a safety rule added (safety area). A value without a catalog entry (a code
 * the catalogs do not know) stays as coded.
 */
export function calendarLabels(locale: Locale): CalendarLabels {
  const messages = messagesFor(locale);
  const t = createTranslator(messages);
  const word = (key: string, fallback: string) => (key in messages ? t(key as MessageKey) : fallback);
  return {
    language: locale.toUpperCase(),
    calendarName: (site) => t("exports.ical.calendarName", { site: `${site.code} ${site.name}` }),
    summary: (visit) =>
      visit.source === "plan"
        ? t("exports.ical.summary", { subject: visit.subjectCode, visit: visit.visitId })
        : t("exports.ical.summaryAdded", { subject: visit.subjectCode, visit: visit.visitId, source: word(`scheduleSource.${visit.source}`, visit.source) }),
    window: t("exports.ical.window"),
    contactMode: t("exports.ical.contactMode"),
    activities: t("exports.ical.activities"),
    status: t("exports.ical.status"),
    contactModeValue: (mode) => word(`visits.contactMode.${mode}`, mode),
    activityValue: (kind) => word(`kind.${kind}`, kind),
    statusValue: (status) => word(`visits.status.${status}`, status),
  };
}

/**
 * The feed's language: `?lang=` when given (a calendar application sends no cookie, so the
 * subscription link carries it), else the remembered choice of the app (cookie), else the
 * request's Accept-Language. Users have no stored language: the app remembers it per browser.
 */
export function calendarLocale(options: { lang: Locale | undefined; cookie: string | null; acceptLanguage: string | null }): Locale {
  if (options.lang) return options.lang;
  const remembered = (options.cookie ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  const decoded = remembered === undefined ? undefined : decodeURIComponent(remembered);
  if (isLocale(decoded)) return decoded;
  return localeFromAcceptLanguage(options.acceptLanguage);
}
