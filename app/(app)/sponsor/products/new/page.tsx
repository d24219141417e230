import { ProductEditor } from "@/components/products/product-editor";
import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";

export default async function NewProductPage() {
  await requirePageActor("product:manage");
  const t = await getTranslator();
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("products.new")}</h1>
      <ProductEditor />
    </section>
  );
}
