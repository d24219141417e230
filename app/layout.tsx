import type { Metadata } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n/i18n-provider";
import { getLocale } from "@/lib/i18n/server";
import { messagesFor, messagesOfAreas } from "@/lib/i18n/catalogs";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await getLocale());
  return { title: messages["app.name"], description: messages["app.tagline"] };
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
