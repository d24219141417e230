import Link from "next/link";
import { StatusBadge } from "@/components/subjects/status-badge";
import { requirePageActor } from "@/lib/auth/page";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listSubjects } from "@/lib/db/subjects";
import { getTranslator } from "@/lib/i18n/server";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { isReconsentDue } from "@/lib/subjects/reconsent";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

export default async function SubjectsPage() {
  const actor = await requirePageActor("subject:read");
  const t = await getTranslator();
  const subjects = await listSubjects(getDb(), { actor });
  const extensions = await listSubjectExtensions(getDb(), subjects, todayCalendarDate());
  return (
    <section className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("subjects.title")}</h1>
        {hasPermission(actor, "subject:enrol", AT_ANY_OWN_SITE) ? (
          <Link className="btn-primary" href="/subjects/new">
            {t("subjects.enrol")}
          </Link>
        ) : null}
      </div>
      {subjects.length === 0 ? (
        <p className="text-slate-600">{t("subjects.empty")}</p>
      ) : (
        <table className="table card">
          <thead>
            <tr>
              <th>{t("subjects.code")}</th>
              <th>{t("subjects.study")}</th>
              <th>{t("subjects.site")}</th>
              <th>{t("subjects.dosingDate")}</th>
              <th>{t("subjects.status")}</th>
            </tr>
          </thead>
          <tbody>
            {subjects.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link className="text-blue-700 underline" href={`/subjects/${s.id}`}>
                    {s.code}
                  </Link>
                </td>
                <td>{s.study.protocolNumber}</td>
                <td>{s.site.code}</td>
                <td>{calendarDateFromDb(s.dosingDate)}</td>
                <td>
                  <StatusBadge status={s.status} label={t(`subjects.status.${s.status as "active"}`)} />{" "}
                  {isReconsentDue(s) ? <StatusBadge status="window_open" label={t("subjects.reconsentDue")} /> : null}
                  {extensions.get(s.id)?.active ? <StatusBadge status="extension" label={t("safety.extension.flag")} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
