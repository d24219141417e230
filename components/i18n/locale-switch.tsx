"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { localeCookie, LOCALES, type Locale } from "@/lib/i18n/translate";

/**
 * Language choice, remembered in a cookie the server reads to render the page. With JavaScript
 * the choice applies at once; without it, the select is a form posted with its button to
 * app/locale/route.ts, which sets the same cookie and sends the browser back.
 */
export function LocaleSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const choose = (next: Locale) => {
    document.cookie = localeCookie(next);
    router.refresh();
  };
  return (
    <form method="post" action="/locale" className="flex items-center gap-2 text-sm">
      <label className="flex items-center gap-2 whitespace-nowrap">
        <span>{t("locale.label")}</span>
        <select
          name="locale"
          className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-900"
          value={locale}
          onChange={(event) => choose(event.target.value as Locale)}
          data-testid="locale-switch"
        >
          {LOCALES.map((code) => (
            <option key={code} value={code}>
              {t(`locale.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="btn-secondary">
          {t("locale.apply")}
        </button>
      </noscript>
    </form>
  );
}
