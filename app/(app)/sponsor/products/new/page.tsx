import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { ProductEditor } from "@/components/products/product-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";

export default async function NewProductPage() {
  await requirePageActor("product:manage");
  const t = await getTranslator();
  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("products.new")} />
      <ProductEditor action={createProductAction} />
    </section>
  );
}
