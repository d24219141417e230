import Link from "@/components/ui/link";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listProducts } from "@/lib/db/products";
import { getTranslator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";

export default async function ProductsPage() {
  const actor = await requirePageActor("product:read");
  const t = await getTranslator();
  const products = await listProducts(getDb(), { actor });
  return (
    <section className="flex flex-col gap-6">
      <PageHeader
        title={t("products.title")}
        actions={
          hasPermission(actor, "product:manage") ? (
            <Link href="/sponsor/products/new" className="btn-primary">
              {t("products.new")}
            </Link>
          ) : null
        }
      />
      <DataTable
        minWidth="min-w-[48rem]"
        label={t("products.title")}
        empty={t("products.empty")}
        initialSort={{ key: "code", direction: "asc" }}
        columns={[
          { key: "code", header: t("products.code"), sortable: true },
          { key: "name", header: t("products.name"), sortable: true },
          { key: "modality", header: t("products.modality"), sortable: true },
          { key: "platform", header: t("products.platform"), sortable: true },
          { key: "duration", header: t("products.duration"), sortable: true },
          { key: "version", header: t("products.version") },
          { key: "studies", header: t("products.studies"), sortable: true },
        ]}
        rows={products.map((product) => {
          const current = product.profileVersions[0];
          const derivation = current?.derivation as { ltfuRequired: boolean; durationYears: number } | undefined;
          const profile = current?.profile as { platform: string } | undefined;
          return {
            key: product.id,
            sort: {
              code: product.code,
              name: product.name,
              modality: t(`modality.${product.modality}` as MessageKey),
              platform: profile ? t(`platform.${profile.platform}` as MessageKey) : "",
              duration: derivation?.ltfuRequired ? derivation.durationYears : 0,
              studies: product._count.studies,
            },
            cells: {
              code: (
                <Link className="text-blue-700 underline" href={`/sponsor/products/${product.id}`}>
                  {product.code}
                </Link>
              ),
              name: product.name,
              modality: t(`modality.${product.modality}` as MessageKey),
              platform: profile ? t(`platform.${profile.platform}` as MessageKey) : "—",
              duration: derivation?.ltfuRequired ? t("derivation.years", { years: derivation.durationYears }) : t("products.noLtfu"),
              version: `v${product.currentProfileVersion}`,
              studies: product._count.studies,
            },
          };
        })}
      />
    </section>
  );
}
