import Link from "next/link";
import { WorklistTable } from "@/components/subjects/worklist-table";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listWorklistVisits } from "@/lib/db/visit-status";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";

export default async function MonitorHome() {
  const actor = await requirePageActor("home:monitor");
  const t = await getTranslator();
  const today = todayCalendarDate();
  // Read-only: the visits of the monitor's studies that need attention (the dashboard's counts come later).
  const visits = await listWorklistVisits(getDb(), { actor, asOf: today, days: 0 });
  const overdue = visits.filter((v) => v.status === "overdue");
  const windowOpen = visits.filter((v) => v.status === "window_open");
  return (
    <section data-testid="home-monitor" className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("home.monitor.title")}</h1>
        <p className="mt-2 text-slate-700">{t("home.monitor.intro")}</p>
        <p className="mt-1 text-sm text-slate-600">{t("worklist.asOf", { date: today })}</p>
        <Link className="btn-secondary mt-3 inline-block" href="/subjects">
          {t("worklist.allSubjects")}
        </Link>
      </div>
      {visits.length === 0 ? <p className="card text-slate-600">{t("home.monitor.empty")}</p> : null}
      <section className="card flex flex-col gap-2" aria-labelledby="mon-overdue">
        <h2 id="mon-overdue" className="font-semibold text-red-900">
          {t("worklist.overdue")} ({overdue.length})
        </h2>
        <WorklistTable rows={overdue} testId="monitor-overdue" canRecord={false} />
      </section>
      <section className="card flex flex-col gap-2" aria-labelledby="mon-window">
        <h2 id="mon-window" className="font-semibold text-amber-900">
          {t("worklist.windowOpen")} ({windowOpen.length})
        </h2>
        <WorklistTable rows={windowOpen} testId="monitor-window-open" canRecord={false} />
      </section>
    </section>
  );
}
