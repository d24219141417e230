import { redirect } from "next/navigation";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { LoginForm } from "@/components/auth/login-form";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { listDemoAccounts } from "@/lib/db/demo-accounts";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await getSessionActor()) redirect("/");
  const t = await getTranslator();
  const demo = isDemoMode() ? listDemoAccounts() : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <PageHeader context={t("app.tagline")} title={t("app.name")} actions={<LocaleSwitch />} />
      <section className="card">
        <h2 className="mb-4 text-lg font-semibold">{t("login.title")}</h2>
        <LoginForm />
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
