import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { csrfTokenForRequest } from "@/lib/auth/csrf";
import { getSessionActor } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/**
 * Signing out without JavaScript (`pages.signOut` in lib/auth/auth-options.ts). The header's
 * sign-out button signs out at once with JavaScript; without it, the button comes here, and this
 * form posts to next-auth's POST /api/auth/signout with the csrf token next-auth pairs with the
 * browser's csrf cookie (as the sign-in page does). A browser without that cookie is sent once
 * through next-auth's GET /api/auth/signout, which sets it and redirects back here; a browser that
 * keeps no cookie holds no session either, and goes to the sign-in page.
 */
export default async function LogoutPage() {
  if (!(await getSessionActor())) redirect("/login");
  const csrfToken = await csrfTokenForRequest();
  if (!csrfToken) redirect("/api/auth/signout");
  const t = await getTranslator();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-6 p-6">
      <PageHeader context={t("app.name")} title={t("logout.title")} />
      <form method="post" action="/api/auth/signout" className="card flex flex-col gap-4" aria-labelledby="logout-question">
        <p id="logout-question">{t("logout.question")}</p>
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <input type="hidden" name="callbackUrl" value="/login" />
        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-primary">
            {t("logout.submit")}
          </button>
          <Link href="/" className="text-blue-700 underline">
            {t("logout.back")}
          </Link>
        </div>
      </form>
    </main>
  );
}
