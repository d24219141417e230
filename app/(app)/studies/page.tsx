import Link from "@/components/ui/link";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { StudyForm } from "@/components/studies/study-form";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listProductChoices } from "@/lib/db/products";
import { listSites } from "@/lib/db/sites";
import { listStudies } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function StudiesPage() {
  const actor = await requirePageActor("study:read");
  const t = await getTranslator();
  const db = getDb();
  const canManage = hasPermission(actor, "study:manage");
  const [studies, products, sites] = await Promise.all([
    listStudies(db, { actor }),
    canManage ? listProductChoices(db, { actor }) : [],
    canManage ? listSites(db, { actor }) : [],
  ]);
  return (
    <ClientMessages areas={CLIENT_AREAS.studies}>
      <section className="flex flex-col gap-6">
        <PageHeader title={t("studies.title")} />
        <DataTable
        minWidth="min-w-[48rem]"
          label={t("studies.title")}
          empty={canManage ? t("studies.empty") : t("studies.emptyMember")}
          initialSort={{ key: "protocol", direction: "asc" }}
          columns={[
            { key: "protocol", header: t("studies.protocolNumber"), sortable: true },
            { key: "title", header: t("studies.studyTitle"), sortable: true },
            { key: "phase", header: t("studies.phase"), sortable: true },
            { key: "product", header: t("studies.product"), sortable: true },
            { key: "sites", header: t("studies.sites"), sortable: true },
            { key: "plan", header: t("studies.activePlan") },
            { key: "consent", header: t("studies.activeConsent") },
          ]}
          rows={studies.map((study) => ({
            key: study.id,
            sort: { protocol: study.protocolNumber, title: study.title, phase: study.phase, product: study.product.code, sites: study._count.sites },
            cells: {
              protocol: (
                <Link className="text-blue-700 underline" href={`/studies/${study.id}`}>
                  {study.protocolNumber}
                </Link>
              ),
              title: study.title,
              phase: t(`phase.${study.phase as "phase_1"}`),
              product: study.product.code,
              sites: study._count.sites,
              plan: study.planVersions[0] ? `v${study.planVersions[0].version}` : t("studies.none"),
              consent: study.consentVersions[0] ? `v${study.consentVersions[0].version}` : t("studies.none"),
            },
          }))}
        />
        {canManage ? <StudyForm action={createStudyAction} products={products} sites={sites.map((s) => ({ id: s.id, code: s.code, name: s.name }))} /> : null}
      </section>
    </ClientMessages>
  );
}
