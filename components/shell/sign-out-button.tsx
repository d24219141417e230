"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

/**
 * With JavaScript, one click signs out (next-auth's client, loaded on click only: it is not part of
 * every page's first load). Without it, or before hydration, the form opens /logout, whose form
 * posts next-auth's sign-out with its csrf token.
 */
export function SignOutButton() {
  const { t } = useI18n();
  const signOut = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await (await import("next-auth/react")).signOut({ callbackUrl: "/login" });
  };
  return (
    <form method="get" action="/logout" onSubmit={signOut}>
      <button type="submit" className="btn-secondary">
        {t("shell.signOut")}
      </button>
    </form>
  );
}
