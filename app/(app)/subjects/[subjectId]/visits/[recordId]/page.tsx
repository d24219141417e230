import Link from "@/components/ui/link";
import { AuditTrailLink } from "@/components/audit/audit-trail-link";
import { notFound } from "next/navigation";
import { answerQueryAction, closeQueryAction, raiseQueryAction, reopenQueryAction } from "@/app/(app)/queries/actions";
import { signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import { RecordQueries } from "@/components/monitoring/record-queries";
import { queryPermissions } from "@/components/monitoring/subject-queries";
import { StatusBadge } from "@/components/subjects/status-badge";
import { CorrectVisitForm, SignVisitForm } from "@/components/subjects/visit-record-forms";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listQueriesOn } from "@/lib/db/queries";
import { getSubject, getVisitRecord } from "@/lib/db/subjects";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getLocale, getTranslator } from "@/lib/i18n/server";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { ZAssessments, type TAssessments } from "@/lib/validation/visit";

export default async function VisitRecordPage({ params }: { params: Promise<{ subjectId: string; recordId: string }> }) {
  const actor = await requirePageActor("visit:read");
  const { subjectId, recordId } = await pageParams(params, { subjectId: "id", recordId: "id" });
  const t = await getTranslator();
  const locale = await getLocale();
  const db = getDb();
  const [subject, record] = await Promise.all([getSubject(db, { actor, subjectId }), getVisitRecord(db, { actor, subjectId, recordId })]);
  if (!subject || !record) notFound();
  // The queries on this visit record, with their age: one query (and one for their messages).
  const queries = await listQueriesOn(db, { subject, targets: [{ type: "visit", id: record.id }] });
  const today = todayCalendarDate();
  const assessments = record.assessments ? (ZAssessments.safeParse(record.assessments).data ?? null) : null;
  const latest = record.signatures[0];
  const valid = latest && latest.voidedAt === null ? latest : undefined;
  const canSign = hasPermission(actor, "visit:sign", { siteId: subject.siteId });
  const canCorrect = hasPermission(actor, "visit:record", { siteId: subject.siteId });
  const time = (d: Date) => d.toLocaleString(locale, { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" }) + " UTC";
  const yesNo = (value: boolean) => t(value ? "common.yes" : "common.no");

  return (
    <section className="flex flex-col gap-4" data-testid="visit-record">
      <p className="text-sm">
        <Link className="text-blue-700 underline" href={`/subjects/${subject.id}`}>
          ← {t("visits.backToTimeline")}
        </Link>
        <AuditTrailLink actor={actor} entity="VisitRecord" entityId={record.id} label={t("audit.ofRecord")} testId="record-audit-link" />
      </p>
      <h1 className="text-2xl font-semibold">
        {t("visits.recordOf", { visit: record.visitId, subject: subject.code })}{" "}
        <StatusBadge status={record.status} label={t(`visits.status.${record.status as "completed"}`)} />
      </h1>
      <dl className="card grid grid-cols-2 gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("visits.date")}</dt>
        <dd>{calendarDateFromDb(record.date)}</dd>
        <dt className="text-slate-600">{t("visits.planVersion")}</dt>
        <dd>{record.unscheduled ? t("visits.unscheduled") : `v${record.planVersion}`}</dd>
        {record.contactMode ? (
          <>
            <dt className="text-slate-600">{t("visits.contactMode")}</dt>
            <dd>{t(`visits.contactMode.${record.contactMode as "clinic"}`)}</dd>
          </>
        ) : null}
        {record.reason ? (
          <>
            <dt className="text-slate-600">{t("visits.reason")}</dt>
            <dd>{record.reason}</dd>
          </>
        ) : null}
        {assessments ? (
          <>
            <dt className="text-slate-600">{t("visits.history")}</dt>
            <dd>{yesNo(assessments.history)}</dd>
            <dt className="text-slate-600">{t("visits.drugExposure")}</dt>
            <dd>{assessments.drugExposure}</dd>
            <dt className="text-slate-600">{t("visits.newOrWorsenedDisease")}</dt>
            <dd>{assessments.newOrWorsenedDisease.length === 0 ? t("common.none") : assessments.newOrWorsenedDisease.map((d) => t(`visits.disease.${d.category}`)).join(", ")}</dd>
            <dt className="text-slate-600">{t("visits.physicalExam")}</dt>
            <dd>{yesNo(assessments.physicalExam)}</dd>
            <dt className="text-slate-600">{t("visits.labs")}</dt>
            <dd>{yesNo(assessments.labs)}</dd>
            <dt className="text-slate-600">{t("visits.pregnancy")}</dt>
            <dd>{t(`visits.pregnancy.${assessments.pregnancy}`)}</dd>
          </>
        ) : null}
      </dl>

      <section className="card flex flex-col gap-2" aria-labelledby="signature-heading" data-testid="signature">
        <h2 id="signature-heading" className="text-lg font-semibold">
          {t("visits.signature")}
        </h2>
        {valid ? (
          <p className="text-sm text-green-900">
            {t("visits.signedBy", { name: valid.signerName, email: valid.signerEmail, time: time(valid.signedAt), meaning: t(`visits.meaning.${valid.meaning as "authored"}`) })}
          </p>
        ) : latest ? (
          <p className="text-sm text-red-800">{t("visits.signatureVoid", { reason: latest.voidedReason ?? "" })}</p>
        ) : (
          <p className="text-sm text-slate-700">{t("visits.notSigned")}</p>
        )}
        {!valid && canSign ? (
          <ClientMessages areas={CLIENT_AREAS.subjects}>
            <SignVisitForm subjectId={subject.id} recordId={record.id} action={signVisitAction} />
          </ClientMessages>
        ) : null}
      </section>

      <ClientMessages areas={CLIENT_AREAS.queries}>
        <RecordQueries
          context={{ queries, subjectId: subject.id, today, can: queryPermissions(actor, subject.siteId), actions: { raise: raiseQueryAction, answer: answerQueryAction, close: closeQueryAction, reopen: reopenQueryAction } }}
          target={{ type: "visit", id: record.id, label: `${record.visitId} (${calendarDateFromDb(record.date)})` }}
          variant="section"
          t={t}
        />
      </ClientMessages>

      {canCorrect ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t("visits.correct")}</summary>
          <div className="mt-3">
            <ClientMessages areas={CLIENT_AREAS.subjects}>
              <CorrectVisitForm
                subjectId={subject.id}
                recordId={record.id}
                version={record.version}
                status={record.status as "completed" | "missed"}
                date={calendarDateFromDb(record.date)}
                unscheduled={record.unscheduled}
                assessments={assessments as Partial<TAssessments> | null}
                reason={record.reason}
                today={today}
                action={updateVisitAction}
              />
            </ClientMessages>
          </div>
        </details>
      ) : null}
    </section>
  );
}
