import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { LoginForm } from "@/components/auth/login-form";
import { PageHeader } from "@/components/ui/page-header";
import { csrfTokenForRequest } from "@/lib/auth/csrf";
import { getSessionActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { listDemoAccounts } from "@/lib/db/demo-accounts";

export const dynamic = "force-dynamic";

/**
 * The sign-in page. Its form also works without JavaScript: it posts to next-auth's credentials
 * callback with the csrf token next-auth pairs with the browser's csrf cookie. A browser without
 * that cookie is sent once through next-auth's GET /api/auth/signin, which sets it and redirects
 * back here with `callbackUrl` (that parameter ends the detour: a browser that keeps no cookie
 * gets the form, and next-auth refuses its post). A refused sign-in comes back with `?error=`
 * (`pages.error` and `pages.signIn` in lib/auth/auth-options.ts).
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getSessionActor()) redirect("/");
  const query = await searchParams;
  const callbackUrl = typeof query.callbackUrl === "string" ? query.callbackUrl : undefined;
  const csrfToken = await csrfTokenForRequest();
  if (!csrfToken && callbackUrl === undefined) redirect(`/api/auth/signin?${new URLSearchParams({ callbackUrl: "/" })}`);
  const t = await getTranslator();
  const demo = isDemoMode() ? listDemoAccounts() : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <PageHeader context={t("app.tagline")} title={t("app.name")} actions={<LocaleSwitch />} />
      <section className="card">
        <h2 className="mb-4 text-lg font-semibold">{t("login.title")}</h2>
        <LoginForm csrfToken={csrfToken ?? ""} callbackUrl={callbackUrl ?? "/"} refused={typeof query.error === "string" && query.error !== ""} />
      </section>
      {demo ? (
        <section className="card" data-testid="demo-accounts">
          <h2 className="font-semibold">{t("login.demoTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("login.demoHint", { password: demo.password })}</p>
          <ul className="mt-2 text-sm">
            {demo.accounts.map((account) => (
              <li key={account.email}>
                <code>{account.email}</code> — {t(`role.${account.role}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
