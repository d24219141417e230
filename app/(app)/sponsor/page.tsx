import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { countOrganizationConfiguration } from "@/lib/db/users";
import { getTranslator } from "@/lib/i18n/server";

export default async function SponsorHome() {
  const actor = await requirePageActor("home:sponsor");
  const t = await getTranslator();
  const { siteCount, userCount } = await countOrganizationConfiguration(getDb(), { actor });
  return (
    <section data-testid="home-sponsor">
      <PageHeader title={t("home.sponsor.title")} description={t("home.sponsor.intro")} />
      <div className="mt-6 grid gap-4 sm:grid-cols-2">
        <Link href="/sponsor/sites" className="card hover:border-blue-400">
          <p className="text-sm text-slate-600">{t("home.sponsor.sites")}</p>
          <p className="text-3xl font-semibold">{siteCount}</p>
        </Link>
        <Link href="/sponsor/users" className="card hover:border-blue-400">
          <p className="text-sm text-slate-600">{t("home.sponsor.users")}</p>
          <p className="text-3xl font-semibold">{userCount}</p>
        </Link>
      </div>
    </section>
  );
}
