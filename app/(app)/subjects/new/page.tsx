import { EnrolForm } from "@/components/subjects/enrol-form";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listEnrollableStudies } from "@/lib/db/subjects";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";

export default async function EnrolPage() {
  const actor = await requirePageActor("subject:enrol");
  const t = await getTranslator();
  const studies = await listEnrollableStudies(getDb(), { actor });
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("subjects.enrol")}</h1>
      <EnrolForm studies={studies} today={todayCalendarDate()} />
    </section>
  );
}
