import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { getLocale } from "@/lib/i18n/server";
import { messagesFor, messagesOfAreas } from "@/lib/i18n/catalogs";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { PATHNAME_HEADER, pageTitleKey } from "@/lib/i18n/page-titles";
import "./globals.css";

/** "Page · LTFU Manager" in the reader's language (lib/i18n/page-titles.ts), for every request and navigation. */
export async function generateMetadata(): Promise<Metadata> {
  const [messages, requestHeaders] = await Promise.all([getLocale().then(messagesFor), headers()]);
  const key = pageTitleKey(requestHeaders.get(PATHNAME_HEADER));
  const page = key ? messages[key] : null;
  return { title: page ? `${page} · ${messages["app.name"]}` : messages["app.name"], description: messages["app.tagline"] };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <I18nProvider locale={locale} messages={messagesOfAreas(locale, CLIENT_AREAS.root)}>
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
