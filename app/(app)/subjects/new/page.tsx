import { enrolSubjectAction } from "@/app/(app)/subjects/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { EnrolForm } from "@/components/subjects/enrol-form";
import { BadParams } from "@/components/ui/bad-params";
import { FilterSelect } from "@/components/ui/filter-fields";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listEnrollableStudies } from "@/lib/db/subjects";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";

/**
 * Enrolment. With more than one study open to enrolment, the study is chosen first with a plain
 * GET form (`?study=`), so the sites and consent version of the form below are that study's with
 * or without JavaScript. An unknown or foreign `study` is named as refused and the first is shown.
 */
export default async function EnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("subject:enrol");
  const t = await getTranslator();
  const [studies, query] = await Promise.all([listEnrollableStudies(getDb(), { actor }), searchParams]);
  const asked = query.study;
  const chosen = typeof asked === "string" ? studies.find((s) => s.id === asked) : undefined;
  const study = chosen ?? studies[0];
  const refused = asked !== undefined && !chosen ? [t("subjects.badStudy")] : [];
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("subjects.enrol")}</h1>
      <BadParams messages={refused} />
      {!study ? <p className="card text-slate-700">{t("subjects.noEnrollable")}</p> : null}
      {study && studies.length > 1 ? (
        <form key={study.id} method="get" action="/subjects/new" className="card flex flex-wrap items-end gap-3" data-testid="enrol-study-picker">
          <FilterSelect id="enrol-study-choice" name="study" label={t("subjects.studyToEnrol")} value={study.id} options={studies.map((s) => ({ value: s.id, label: `${s.protocolNumber} — ${s.title}` }))} className="min-w-0 flex-1 basis-64" />
          <button type="submit" className="btn-secondary">
            {t("subjects.chooseStudy")}
          </button>
        </form>
      ) : null}
      {study ? (
        <ClientMessages areas={CLIENT_AREAS.subjects}>
          <EnrolForm key={study.id} study={study} today={todayCalendarDate()} action={enrolSubjectAction} />
        </ClientMessages>
      ) : null}
    </section>
  );
}
