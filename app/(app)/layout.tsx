import Link from "@/components/ui/link";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { navItemsFor } from "@/components/shell/nav-items";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const t = await getTranslator();
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <Link href="/" className="font-semibold text-blue-900">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.main")}>
            <ul className="flex flex-wrap gap-4 text-sm">
              {navItemsFor(actor).map((item) => (
                <li key={item.href}>
                  <Link className="text-slate-700 hover:text-blue-700" href={item.href}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="flex min-w-0 flex-wrap items-center gap-3">
            <span className="min-w-0 break-all text-sm text-slate-600" data-testid="signed-in-as">
              {t("shell.signedInAs", { email: actor.email, role: t(`role.${actor.role}`) })}
            </span>
            <LocaleSwitch />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
