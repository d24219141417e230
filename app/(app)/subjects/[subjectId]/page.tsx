import Link from "@/components/ui/link";
import { AuditTrailLink } from "@/components/audit/audit-trail-link";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { answerQueryAction, closeQueryAction, raiseQueryAction, reopenQueryAction } from "@/app/(app)/queries/actions";
import { recordAdverseEventAction, recordSampleResultAction, resolveEscalationAction, updateAdverseEventAction } from "@/app/(app)/subjects/safety-actions";
import { ClientMessages } from "@/components/i18n/client-messages";
import type { QueryContext } from "@/components/monitoring/record-queries";
import { queryPermissions, SubjectQueries } from "@/components/monitoring/subject-queries";
import { listSafetyTimelineItems, SubjectSafety, type SafetyTimelineItem } from "@/components/safety/subject-safety";
import { StatusBadge } from "@/components/subjects/status-badge";
import { ReconsentForm, SubjectStatusForm } from "@/components/subjects/subject-forms";
import { changeSubjectStatusAction, recordConsentAction } from "@/app/(app)/subjects/actions";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listSubjectQueries } from "@/lib/db/queries";
import { listContactAttempts } from "@/lib/db/subjects";
import { listAdverseEvents, listEscalations, listSampleResults } from "@/lib/db/safety";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";
import { getTranslator } from "@/lib/i18n/server";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { isReconsentDue } from "@/lib/subjects/reconsent";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";
import { todayCalendarDate } from "@/lib/subjects/today";
import { AppError } from "@/lib/errors";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

async function load(actor: Parameters<typeof getSubjectSchedule>[1]["actor"], subjectId: string, asOf: string) {
  try {
    return await getSubjectSchedule(getDb(), { actor, subjectId, asOf });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function SubjectPage({ params }: { params: Promise<{ subjectId: string }> }) {
  const actor = await requirePageActor("subject:read");
  const { subjectId } = await pageParams(params, { subjectId: "id" });
  const t = await getTranslator();
  const today = todayCalendarDate();
  const { subject, records, schedule } = await load(actor, subjectId, today);
  const canChange = hasPermission(actor, "visit:record", { siteId: subject.siteId });
  const active = subject.status === "active";
  const recordById = new Map(records.map((r) => [r.id, r]));
  const next = schedule.visits.find((v) => v.status === "window_open" || v.status === "upcoming" || v.status === "overdue");
  const activeConsent = subject.study.consentVersions[0]?.version;
  const unscheduled = records.filter((r) => r.unscheduled);
  // Safety (CDE §2.3.2, §2.4): AEs and results on the timeline at their dates, escalations, extension.
  const db = getDb();
  // The subject's queries, read once: the queries panel, the AE and result rows and the timeline's visits show them.
  const [adverseEvents, results, escalations, extensions, queries, contactAttempts] = await Promise.all([
    listAdverseEvents(db, { actor, subjectId: subject.id }),
    listSampleResults(db, { actor, subjectId: subject.id }),
    listEscalations(db, { actor, subjectId: subject.id }),
    listSubjectExtensions(db, [subject], today),
    listSubjectQueries(db, { actor, subjectId: subject.id }),
    subject.status === "lost_to_follow_up" ? listContactAttempts(db, { actor, subjectId: subject.id }) : Promise.resolve([]),
  ]);
  const queryActions = { raise: raiseQueryAction, answer: answerQueryAction, close: closeQueryAction, reopen: reopenQueryAction };
  const queryContext: QueryContext = { queries, subjectId: subject.id, today, can: queryPermissions(actor, subject.siteId), actions: queryActions };
  const pendingOnRecord = (recordId: string) => queries.filter((q) => q.targetType === "visit" && q.targetId === recordId && q.status !== "closed").length;
  const extension = extensions.get(subject.id);
  const canRecordSafety = hasPermission(actor, "safety:record", { siteId: subject.siteId });
  const safetyItems = listSafetyTimelineItems(adverseEvents, results, t);
  const safetyBefore = new Map<number, SafetyTimelineItem[]>();
  const safetyAfter: SafetyTimelineItem[] = [];
  for (const item of safetyItems) {
    const index = schedule.visits.findIndex((v) => v.targetDate >= item.date);
    if (index === -1) safetyAfter.push(item);
    else safetyBefore.set(index, [...(safetyBefore.get(index) ?? []), item]);
  }
  const safetyRow = (item: SafetyTimelineItem) => (
    <tr key={item.key} data-testid={`timeline-${item.kind}`} className="bg-slate-50 text-sm">
      <td colSpan={2}>{item.label}</td>
      <td className="whitespace-nowrap">{item.date}</td>
      <td colSpan={3}>
        {item.flag ? <StatusBadge status={item.flag} label={item.detail} /> : item.detail}
      </td>
    </tr>
  );

  // A record's signature state, and its pending queries (linking to them on the record page).
  const recordBadges = (recordId: string) => {
    const latest = recordById.get(recordId)?.signatures[0];
    const pending = pendingOnRecord(recordId);
    const queriesBadge = pending > 0 ? (
      <Link className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900" href={`/subjects/${subject.id}/visits/${recordId}#record-queries`} data-testid="visit-queries-badge">
        {t("queries.pendingOnRecord", { count: pending })}
      </Link>
    ) : null;
    const signature = !latest ? (
      <StatusBadge status="upcoming" label={t("visits.unsignedRecord")} />
    ) : latest.voidedAt ? (
      <StatusBadge status="overdue" label={t("visits.signedVoid")} />
    ) : (
      <StatusBadge status="completed" label={`${t("visits.signed")}: ${latest.signerName}`} />
    );
    return (
      <>
        {signature}
        {queriesBadge}
      </>
    );
  };

  // Where the governing plan version changes along the timeline (an amendment), a marker row.
  const planVisits = schedule.visits.filter((v) => v.planVersion !== null);
  const markedVisits = new Set(planVisits.filter((v, i) => i > 0 && v.planVersion !== planVisits[i - 1]!.planVersion));
  return (
    <section className="flex flex-col gap-6" data-testid="subject-page">
      <div>
        <p className="text-sm text-slate-600">
          {subject.study.protocolNumber} · {subject.site.code} — {subject.site.name}
          <AuditTrailLink actor={actor} entity="Subject" entityId={subject.id} label={t("audit.ofSubject")} testId="subject-audit-link" />
        </p>
        <h1 className="text-2xl font-semibold">
          {t("subjects.heading", { code: subject.code })}{" "}
          <StatusBadge status={subject.status} label={t(`subjects.status.${subject.status as "active"}`)} />
          {extension?.active ? (
            <span className="ml-2 inline-block rounded bg-purple-100 px-1.5 py-0.5 text-xs font-medium text-purple-900" data-testid="extension-flag" title={t("safety.extension.since", { date: extension.since ?? "" })}>
              {t("safety.extension.flag")}
            </span>
          ) : null}
          {subject.statusDate ? <span className="ml-2 text-sm font-normal text-slate-600">{t("subjects.statusSince", { date: calendarDateFromDb(subject.statusDate) })}</span> : null}
        </h1>
        <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          <dt className="text-slate-600">{t("subjects.dosingDate")}</dt>
          <dd>{calendarDateFromDb(subject.dosingDate)}</dd>
          <dt className="text-slate-600">{t("subjects.lot")}</dt>
          <dd>{subject.lot}</dd>
          <dt className="text-slate-600">{t("subjects.yearOfBirth")}</dt>
          <dd>
            {subject.yearOfBirth} · {t(`subjects.sex.${subject.sex as "female"}`)}
          </dd>
          <dt className="text-slate-600">{t("subjects.consentVersion")}</dt>
          <dd>
            v{subject.consentVersion} ({calendarDateFromDb(subject.consentDate)}) {isReconsentDue(subject) ? <StatusBadge status="window_open" label={t("subjects.reconsentDue")} /> : null}
          </dd>
          <dt className="text-slate-600">{t("subjects.followUpEnd")}</dt>
          <dd>{schedule.followUpEnd ?? "—"}</dd>
          {subject.statusReason || subject.deathCause ? (
            <>
              <dt className="text-slate-600">{t("subjects.reason")}</dt>
              <dd>{[subject.deathCause, subject.statusReason].filter(Boolean).join(" · ")}</dd>
            </>
          ) : null}
          {contactAttempts.length > 0 ? (
            <>
              <dt className="text-slate-600">{t("subjects.contactAttemptsMade")}</dt>
              <dd className="sm:col-span-3">
                <ol className="list-inside list-decimal" data-testid="contact-attempts">
                  {contactAttempts.map((attempt) => (
                    <li key={attempt.id}>
                      {calendarDateFromDb(attempt.date)} · {attempt.mode} · {attempt.outcome}
                    </li>
                  ))}
                </ol>
              </dd>
            </>
          ) : null}
        </dl>
        {canChange && active && isReconsentDue(subject) && activeConsent ? (
          <div className="card mt-3">
            <ClientMessages areas={CLIENT_AREAS.subjects}>
              <ReconsentForm subjectId={subject.id} consentVersion={activeConsent} today={today} action={recordConsentAction} />
            </ClientMessages>
          </div>
        ) : null}
      </div>

      <section className="card flex flex-col gap-2" aria-labelledby="timeline-heading">
        <div className="flex items-center justify-between">
          <h2 id="timeline-heading" className="text-lg font-semibold">
            {t("subjects.timeline")}
          </h2>
          {canChange && active ? (
            <Link className="btn-secondary" href={`/subjects/${subject.id}/visits/new?unscheduled=1`}>
              {t("subjects.recordUnscheduled")}
            </Link>
          ) : null}
        </div>
        <table className="table" data-testid="timeline">
          <thead>
            <tr>
              <th>{t("visits.visit")}</th>
              <th>{t("visits.planVersion")}</th>
              <th>{t("visits.target")}</th>
              <th>{t("visits.window")}</th>
              <th>{t("visits.status")}</th>
              <th>{t("visits.recorded")}</th>
            </tr>
          </thead>
          <tbody>
            {schedule.visits.map((visit, index) => {
              const isNext = next !== undefined && visit === next;
              const versionChanged = markedVisits.has(visit);
              return (
                <Fragment key={`${visit.visitId}-${visit.planVersion}-${visit.source}`}>
                  {(safetyBefore.get(index) ?? []).map(safetyRow)}
                  {versionChanged ? (
                    <tr data-testid="plan-version-marker">
                      <td colSpan={6} className="bg-slate-50 text-xs font-semibold text-slate-700">
                        {t("subjects.planVersionFrom", { version: visit.planVersion })}
                      </td>
                    </tr>
                  ) : null}
                  <tr data-testid={`visit-${visit.visitId}`} className={isNext ? "bg-amber-50 font-semibold" : undefined} aria-current={isNext ? "step" : undefined}>
                    <td>
                      {visit.visitId}
                      {isNext ? <span className="ml-2 text-xs text-amber-900">← {t("subjects.nextVisit")}</span> : null}
                    </td>
                    <td>{visit.planVersion !== null ? `v${visit.planVersion}` : t(`scheduleSource.${visit.source as "escalation"}`)}</td>
                    <td className="whitespace-nowrap">{visit.targetDate}</td>
                    <td className="whitespace-nowrap">
                      {visit.windowStart} – {visit.windowEnd}
                    </td>
                    <td>
                      <StatusBadge status={visit.status} label={t(`visits.status.${visit.status}`)} />
                    </td>
                    <td>
                      {visit.recordId ? (
                        <span className="flex flex-wrap items-center gap-2">
                          <Link className="text-blue-700 underline" href={`/subjects/${subject.id}/visits/${visit.recordId}`}>
                            {visit.recordedDate}
                          </Link>
                          {recordBadges(visit.recordId)}
                        </span>
                      ) : canChange && active && visit.status !== "not_required" ? (
                        <Link className="text-blue-700 underline" href={`/subjects/${subject.id}/visits/new?visitId=${encodeURIComponent(visit.visitId)}${visit.planVersion !== null ? `&planVersion=${visit.planVersion}` : ""}`}>
                          {t("worklist.record")}
                        </Link>
                      ) : null}
                    </td>
                  </tr>
                </Fragment>
              );
            })}
            {safetyAfter.map(safetyRow)}
            {unscheduled.map((record) => (
              <tr key={record.id} data-testid={`visit-${record.visitId}`}>
                <td>{record.visitId}</td>
                <td>{t("visits.unscheduled")}</td>
                <td>—</td>
                <td>—</td>
                <td>
                  <StatusBadge status={record.status} label={t(`visits.status.${record.status as "completed"}`)} />
                </td>
                <td>
                  <span className="flex flex-wrap items-center gap-2">
                    <Link className="text-blue-700 underline" href={`/subjects/${subject.id}/visits/${record.id}`}>
                      {calendarDateFromDb(record.date)}
                    </Link>
                    {recordBadges(record.id)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <ClientMessages areas={[...CLIENT_AREAS.safety, ...CLIENT_AREAS.queries]}>
        <SubjectSafety
          subjectId={subject.id}
          dosingDate={calendarDateFromDb(subject.dosingDate)}
          followUpEnd={schedule.followUpEnd}
          today={today}
          adverseEvents={adverseEvents}
          results={results}
          escalations={escalations}
          canRecord={canRecordSafety}
          visits={records.map((r) => ({ id: r.id, label: `${r.visitId} · ${calendarDateFromDb(r.date)}` }))}
          actions={{ recordAdverseEvent: recordAdverseEventAction, updateAdverseEvent: updateAdverseEventAction, recordSampleResult: recordSampleResultAction, resolveEscalation: resolveEscalationAction }}
          queries={queryContext}
          t={t}
        />
      </ClientMessages>

      <ClientMessages areas={CLIENT_AREAS.queries}>
        <SubjectQueries actor={actor} subject={subject} queries={queries} today={today} actions={queryActions} />
      </ClientMessages>

      {canChange && active ? (
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t("subjects.changeStatus")}</summary>
          <div className="mt-3">
            <ClientMessages areas={CLIENT_AREAS.subjects}>
              <SubjectStatusForm subjectId={subject.id} version={subject.version} today={today} action={changeSubjectStatusAction} />
            </ClientMessages>
          </div>
        </details>
      ) : null}
    </section>
  );
}
