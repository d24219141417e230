import { enrolSubjectAction } from "@/app/(app)/subjects/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { EnrolForm } from "@/components/subjects/enrol-form";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listEnrollableStudies } from "@/lib/db/subjects";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";

export default async function EnrolPage() {
  const actor = await requirePageActor("subject:enrol");
  const t = await getTranslator();
  const studies = await listEnrollableStudies(getDb(), { actor });
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("subjects.enrol")}</h1>
      <ClientMessages areas={CLIENT_AREAS.subjects}>
        <EnrolForm studies={studies} today={todayCalendarDate()} action={enrolSubjectAction} />
      </ClientMessages>
    </section>
  );
}
