"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

export function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
      {t("guide.print")}
    </button>
  );
}
