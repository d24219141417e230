import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { messagesOfAreas } from "@/lib/i18n/catalogs";
import { getLocale } from "@/lib/i18n/server";

/** Sends the client components below the catalog areas they use (added to those of the layout). */
export async function ClientMessages({ areas, children }: { areas: readonly string[]; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nProvider locale={locale} messages={messagesOfAreas(locale, areas)}>
      {children}
    </I18nProvider>
  );
}
