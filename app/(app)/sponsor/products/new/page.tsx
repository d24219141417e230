import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { ProductEditor } from "@/components/products/product-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function NewProductPage() {
  await requirePageActor("product:manage");
  const t = await getTranslator();
  return (
    <ClientMessages areas={CLIENT_AREAS.productEditor}>
      <section className="flex flex-col gap-4">
        <PageHeader title={t("products.new")} />
        <ProductEditor action={createProductAction} />
      </section>
    </ClientMessages>
  );
}
