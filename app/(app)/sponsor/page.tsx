import Link from "@/components/ui/link";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { countOrganizationConfiguration } from "@/lib/db/users";
import { getTranslator } from "@/lib/i18n/server";

export default async function SponsorHome() {
  const actor = await requirePageActor("home:sponsor");
  const t = await getTranslator();
  const counts = await countOrganizationConfiguration(getDb(), { actor });
  // What the sponsor configures, each count a way in: products and studies first (the demo's real work), then sites and users.
  const tiles = [
    { href: "/sponsor/products", label: t("home.sponsor.products"), value: counts.productCount },
    { href: "/studies", label: t("home.sponsor.studies"), value: counts.studyCount },
    { href: "/sponsor/sites", label: t("home.sponsor.sites"), value: counts.siteCount },
    { href: "/sponsor/users", label: t("home.sponsor.users"), value: counts.userCount },
  ];
  return (
    <section data-testid="home-sponsor">
      <PageHeader title={t("home.sponsor.title")} description={t("home.sponsor.intro")} />
      <div className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {tiles.map((tile) => (
          <Link key={tile.href} href={tile.href} className="card hover:border-blue-400">
            <p className="text-sm text-slate-600">{tile.label}</p>
            <p className="text-3xl font-semibold">{tile.value}</p>
          </Link>
        ))}
      </div>
    </section>
  );
}
