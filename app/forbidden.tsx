import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { getTranslator } from "@/lib/i18n/server";

export default async function Forbidden() {
  const t = await getTranslator();
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-4 p-8" data-testid="forbidden">
      <PageHeader title={t("forbidden.title")} description={t("forbidden.body")} />
      <Link className="text-blue-700 underline" href="/">
        {t("forbidden.home")}
      </Link>
    </main>
  );
}
