import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { recordVisitAction } from "@/app/(app)/subjects/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { RecordVisitForm } from "@/components/subjects/record-visit-form";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { getSubject, listScheduledVisits } from "@/lib/db/subjects";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import type { TContactMode } from "@/lib/validation/plan";

export default async function RecordVisitPage({ params, searchParams }: { params: Promise<{ subjectId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor("visit:record");
  const { subjectId } = await pageParams(params, { subjectId: "id" });
  const query = await searchParams;
  const t = await getTranslator();
  const db = getDb();
  const subject = await getSubject(db, { actor, subjectId });
  if (!subject) notFound();
  const unscheduled = query.unscheduled === "1" || !query.visitId;
  const row = unscheduled ? undefined : (await listScheduledVisits(db, { actor, subjectId })).find((r) => r.visitId === query.visitId && (r.planVersion === null ? !query.planVersion || query.planVersion === "null" : String(r.planVersion) === query.planVersion));
  if (!unscheduled && !row) notFound();
  return (
    <section className="flex flex-col gap-4">
      <p className="text-sm">
        <Link className="text-blue-700 underline" href={`/subjects/${subject.id}`}>
          ← {t("visits.backToTimeline")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{row ? t("visits.record", { visit: row.planVersion !== null ? `${row.visitId} (v${row.planVersion})` : row.visitId }) : t("visits.unscheduled")}</h1>
      <p className="text-sm text-slate-700">
        {subject.code} · {subject.study.protocolNumber} · {subject.site.code}
        {row ? ` · ${t("visits.target")} ${calendarDateFromDb(row.targetDate)} · ${t("visits.window")} ${calendarDateFromDb(row.windowStart)} – ${calendarDateFromDb(row.windowEnd)}` : ""}
      </p>
      <ClientMessages areas={CLIENT_AREAS.subjects}>
        <RecordVisitForm subjectId={subject.id} visitId={row?.visitId} planVersion={row?.planVersion ?? undefined} contactMode={row?.contactMode as TContactMode | undefined} today={todayCalendarDate()} action={recordVisitAction} />
      </ClientMessages>
    </section>
  );
}
