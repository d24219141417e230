import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { getTranslator } from "@/lib/i18n/server";

export default async function InvestigatorHome() {
  const actor = await requirePageActor("home:investigator");
  const t = await getTranslator();
  const sites = await listSites(getDb(), { actor });
  return (
    <section data-testid="home-investigator">
      <PageHeader title={t("home.investigator.title")} description={t("home.investigator.intro")} />
      <h2 className="mt-6 text-lg font-semibold">{t("home.investigator.sites")}</h2>
      {sites.length === 0 ? (
        <p className="mt-2 text-slate-600">{t("home.investigator.noSites")}</p>
      ) : (
        <ul className="mt-2 list-disc pl-6">
          {sites.map((site) => (
            <li key={site.id}>
              {site.code} — {site.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
