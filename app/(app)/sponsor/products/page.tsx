import Link from "next/link";
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
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("products.title")}</h1>
        {hasPermission(actor, "product:manage") ? (
          <Link href="/sponsor/products/new" className="btn-primary">
            {t("products.new")}
          </Link>
        ) : null}
      </div>
      {products.length === 0 ? (
        <p>{t("products.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("products.code")}</th>
              <th scope="col">{t("products.name")}</th>
              <th scope="col">{t("products.modality")}</th>
              <th scope="col">{t("products.platform")}</th>
              <th scope="col">{t("products.duration")}</th>
              <th scope="col">{t("products.version")}</th>
              <th scope="col">{t("products.studies")}</th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => {
              const current = product.profileVersions[0];
              const derivation = current?.derivation as { ltfuRequired: boolean; durationYears: number } | undefined;
              const profile = current?.profile as { platform: string } | undefined;
              return (
                <tr key={product.id}>
                  <td>
                    <Link className="text-blue-700 underline" href={`/sponsor/products/${product.id}`}>
                      {product.code}
                    </Link>
                  </td>
                  <td>{product.name}</td>
                  <td>{t(`modality.${product.modality}` as MessageKey)}</td>
                  <td>{profile ? t(`platform.${profile.platform}` as MessageKey) : "—"}</td>
                  <td>{derivation?.ltfuRequired ? t("derivation.years", { years: derivation.durationYears }) : t("products.noLtfu")}</td>
                  <td>v{product.currentProfileVersion}</td>
                  <td>{product._count.studies}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
