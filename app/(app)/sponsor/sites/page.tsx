import { createSiteAction, updateSiteAction } from "@/app/(app)/sponsor/sites/actions";
import { SiteForm } from "@/components/sponsor/site-form";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { getTranslator } from "@/lib/i18n/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function SitesPage() {
  const actor = await requirePageActor("site:manage");
  const t = await getTranslator();
  const sites = await listSites(getDb(), { actor });
  return (
    <ClientMessages areas={CLIENT_AREAS.sites}>
      <section className="flex flex-col gap-6">
        <PageHeader title={t("sites.title")} />
        <DataTable
          label={t("sites.title")}
          empty={t("sites.empty")}
          initialSort={{ key: "code", direction: "asc" }}
          columns={[
            { key: "code", header: t("sites.code"), sortable: true },
            { key: "name", header: t("sites.name"), sortable: true },
            { key: "country", header: t("sites.country"), sortable: true },
            { key: "pi", header: t("sites.pi") },
            { key: "edit", header: t("sites.edit"), srOnly: true },
          ]}
          rows={sites.map((site) => ({
            key: site.id,
            sort: { code: site.code, name: site.name, country: site.country },
            cells: {
              code: site.code,
              name: site.name,
              country: site.country,
              pi: site.principalInvestigator ?? t("common.none"),
              edit: (
                <details>
                  <summary className="cursor-pointer text-sm underline">{t("sites.edit")}</summary>
                  <SiteForm action={updateSiteAction} site={{ id: site.id, code: site.code, name: site.name, country: site.country, principalInvestigator: site.principalInvestigator }} />
                </details>
              ),
            },
          }))}
        />
        <SiteForm action={createSiteAction} />
      </section>
    </ClientMessages>
  );
}
