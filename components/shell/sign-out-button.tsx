"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

export function SignOutButton() {
  const { t } = useI18n();
  // next-auth's client loads on click only: it is not part of every page's first load.
  const signOut = async () => (await import("next-auth/react")).signOut({ callbackUrl: "/login" });
  return (
    <button type="button" className="btn-secondary" onClick={signOut}>
      {t("shell.signOut")}
    </button>
  );
}
