import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";

export default async function MonitorHome() {
  await requirePageActor("home:monitor");
  const t = await getTranslator();
  return (
    <section data-testid="home-monitor">
      <PageHeader title={t("home.monitor.title")} description={t("home.monitor.intro")} />
      <p className="card mt-6 text-slate-600">{t("home.monitor.empty")}</p>
    </section>
  );
}
