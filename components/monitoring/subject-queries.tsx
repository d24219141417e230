import type { QueryActions } from "@/components/monitoring/action-props";
import { QueryStepForm, RaiseQueryForm } from "@/components/monitoring/query-forms";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listQueryTargets, listSubjectQueries } from "@/lib/db/queries";
import { getTranslator } from "@/lib/i18n/server";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";
import { todayCalendarDate } from "@/lib/subjects/today";

const STATUS_STYLES: Record<string, string> = {
  open: "bg-red-100 text-red-900",
  answered: "bg-amber-100 text-amber-900",
  closed: "bg-slate-100 text-slate-700",
};

/** Whole days from a timestamp's calendar day (server time) to `today`. */
export function ageInDays(createdAt: Date, today: string): number {
  return Math.max(0, parseCalendarDate(today)! - parseCalendarDate(todayCalendarDate(createdAt))!);
}

/**
 * The queries on a subject's record, with their age and conversation, and the step each
 * reader may take: a monitor raises, closes and reopens; the site's investigator answers.
 * The subject has already been read in the actor's scope by the page.
 */
export async function SubjectQueries({ actor, subject, actions }: { actor: Actor; subject: { id: string; code: string; siteId: string }; actions: QueryActions }) {
  const t = await getTranslator();
  const today = todayCalendarDate();
  const canRaise = hasPermission(actor, "query:raise");
  const canAnswer = hasPermission(actor, "query:answer", { siteId: subject.siteId });
  const canClose = hasPermission(actor, "query:close");
  const [queries, targets] = await Promise.all([listSubjectQueries(getDb(), { actor, subjectId: subject.id }), canRaise ? listQueryTargets(getDb(), { actor, subjectId: subject.id }) : Promise.resolve([])]);
  const open = queries.filter((q) => q.status !== "closed").length;
  return (
    <section id="queries" className="card flex flex-col gap-3" aria-labelledby="queries-heading" data-testid="subject-queries">
      <h2 id="queries-heading" className="text-lg font-semibold">
        {t("queries.title")} ({open})
      </h2>
      {queries.length === 0 ? <p className="text-sm text-slate-600">{t("queries.none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {queries.map((query) => (
          <li key={query.id} className="rounded border border-slate-200 p-3" data-testid="query" data-status={query.status}>
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[query.status] ?? ""}`} data-testid="query-status">
                {t(`queries.status.${query.status as "open"}`)}
              </span>
              <span className="font-medium">
                {t(`queries.target.${query.targetType as "visit"}`)}: {query.targetLabel}
              </span>
              {query.status !== "closed" ? <span className="text-xs text-slate-600">{t("queries.age", { days: ageInDays(query.createdAt, today) })}</span> : null}
            </p>
            <ol className="mt-2 flex flex-col gap-1 text-sm">
              {query.messages.map((message) => (
                <li key={message.id}>
                  <span className="text-xs text-slate-500">
                    {message.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {message.authorName} · {t(`queries.kind.${message.kind as "raise"}`)}
                  </span>
                  {message.text ? <p className="whitespace-pre-wrap">{message.text}</p> : null}
                </li>
              ))}
            </ol>
            <div className="mt-2">
              {query.status === "open" && canAnswer ? <QueryStepForm queryId={query.id} step="answer" action={actions.answer} /> : null}
              {query.status === "answered" && canClose ? <QueryStepForm queryId={query.id} step="close" action={actions.close} /> : null}
              {query.status === "closed" && canClose ? <QueryStepForm queryId={query.id} step="reopen" action={actions.reopen} /> : null}
            </div>
          </li>
        ))}
      </ul>
      {canRaise ? (
        <details className="rounded border border-slate-200 p-3" open={queries.length === 0}>
          <summary className="cursor-pointer font-medium">{t("queries.raise")}</summary>
          <div className="mt-3">
            <RaiseQueryForm subjectId={subject.id} targets={targets} action={actions.raise} />
          </div>
        </details>
      ) : null}
    </section>
  );
}
