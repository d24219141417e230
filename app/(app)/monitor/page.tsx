import { requirePageActor } from "@/lib/auth/page";
import { getTranslator } from "@/lib/i18n/server";

export default async function MonitorHome() {
  await requirePageActor("home:monitor");
  const t = await getTranslator();
  return (
    <section data-testid="home-monitor">
      <h1 className="text-2xl font-semibold">{t("home.monitor.title")}</h1>
      <p className="mt-2 text-slate-700">{t("home.monitor.intro")}</p>
      <p className="card mt-6 text-slate-600">{t("home.monitor.empty")}</p>
    </section>
  );
}
