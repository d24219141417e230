"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { createTranslator, type Locale, type Translate } from "@/lib/i18n/translate";

type Messages = Partial<Record<MessageKey, string>>;
const I18nContext = createContext<{ locale: Locale; t: Translate; messages: Messages } | null>(null);

/** The catalog areas the client components below use; a nested provider adds its areas to its parent's. */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  const parent = useContext(I18nContext);
  const value = useMemo(() => {
    const merged = parent ? { ...parent.messages, ...messages } : messages;
    return { locale, t: createTranslator(merged), messages: merged };
  }, [locale, messages, parent]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
