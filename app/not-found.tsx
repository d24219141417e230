import Link from "next/link";
import { getTranslator } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <main className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t("notFound.title")}</h1>
      <p className="mt-2">{t("notFound.body")}</p>
      <Link className="mt-4 inline-block text-blue-700 underline" href="/">
        {t("forbidden.home")}
      </Link>
    </main>
  );
}
