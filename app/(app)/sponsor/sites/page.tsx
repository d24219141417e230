import { SiteForm } from "@/components/sponsor/site-form";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { getTranslator } from "@/lib/i18n/server";

export default async function SitesPage() {
  const actor = await requirePageActor("site:manage");
  const t = await getTranslator();
  const sites = await listSites(getDb(), { actor });
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("sites.title")}</h1>
      {sites.length === 0 ? (
        <p>{t("sites.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("sites.code")}</th>
              <th scope="col">{t("sites.name")}</th>
              <th scope="col">{t("sites.country")}</th>
              <th scope="col">{t("sites.pi")}</th>
              <th scope="col">
                <span className="sr-only">{t("sites.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.id}>
                <td>{site.code}</td>
                <td>{site.name}</td>
                <td>{site.country}</td>
                <td>{site.principalInvestigator ?? t("common.none")}</td>
                <td>
                  <details>
                    <summary className="cursor-pointer text-sm underline">{t("sites.edit")}</summary>
                    <SiteForm site={{ id: site.id, code: site.code, name: site.name, country: site.country, principalInvestigator: site.principalInvestigator }} />
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SiteForm />
    </section>
  );
}
