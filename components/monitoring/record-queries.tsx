import type { QueryActions } from "@/components/monitoring/action-props";
import { QueryStepForm, RaiseQueryForm } from "@/components/monitoring/query-forms";
import type { QueryRow, QueryTargetOption } from "@/lib/db/queries";
import type { Translate } from "@/lib/i18n/translate";
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

/** What the reader may do with queries, decided on the server from the actor's permissions at the subject's site. */
export interface QueryPermissions {
  raise: boolean;
  answer: boolean;
  close: boolean;
}

/** What a page passes to render queries beside the records they concern. */
export interface QueryContext {
  /** The subject's queries (or those on the records shown), loaded once for the page. */
  queries: QueryRow[];
  subjectId: string;
  today: string;
  can: QueryPermissions;
  actions: QueryActions;
}

/** A status chip in the reader's language. */
function QueryStatus({ status, t }: { status: string; t: Translate }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status] ?? ""}`} data-testid="query-status">
      {t(`queries.status.${status as "open"}`)}
    </span>
  );
}

/**
 * One query with its status, age while not closed, its conversation, and the step the reader
 * may take: the site's investigator answers an open one; a monitor closes an answered one or
 * reopens a closed one.
 */
export function QueryItem({ query, today, can, actions, showTarget, idPrefix = "", t }: { query: QueryRow; today: string; can: QueryPermissions; actions: QueryActions; showTarget: boolean; idPrefix?: string; t: Translate }) {
  return (
    <li className="rounded border border-slate-200 p-3" data-testid="query" data-status={query.status}>
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <QueryStatus status={query.status} t={t} />
        {showTarget ? (
          <span className="font-medium">
            {t(`queries.target.${query.targetType as "visit"}`)}: {query.targetLabel}
          </span>
        ) : null}
        {query.status !== "closed" ? (
          <span className="text-xs text-slate-600" data-testid="query-age">
            {t("queries.age", { days: ageInDays(query.createdAt, today) })}
          </span>
        ) : null}
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
        {query.status === "open" && can.answer ? <QueryStepForm queryId={query.id} step="answer" idPrefix={idPrefix} action={actions.answer} /> : null}
        {query.status === "answered" && can.close ? <QueryStepForm queryId={query.id} step="close" idPrefix={idPrefix} action={actions.close} /> : null}
        {query.status === "closed" && can.close ? <QueryStepForm queryId={query.id} step="reopen" idPrefix={idPrefix} action={actions.reopen} /> : null}
      </div>
    </li>
  );
}

/** The queries of `context` that concern `target`, newest first (as loaded). */
export function queriesOf(context: QueryContext, target: { type: string; id: string }): QueryRow[] {
  return context.queries.filter((q) => q.targetType === target.type && q.targetId === target.id);
}

/**
 * The queries on one record (a visit record, an adverse event, a sample result), shown where the
 * record is: each with its age while not closed, the investigator's answer form, the monitor's
 * close and reopen forms, and the monitor's form to raise a new one on this record.
 * `variant="section"` is the record page's card; `variant="cell"` sits in the record's table row:
 * the pending queries with their age at a glance, the conversation and forms folded below.
 */
export function RecordQueries({ context, target, variant, t }: { context: QueryContext; target: QueryTargetOption; variant: "section" | "cell"; t: Translate }) {
  const queries = queriesOf(context, target);
  const pending = queries.filter((q) => q.status !== "closed");
  const idPrefix = `${target.type}-${target.id}-`;
  const list =
    queries.length === 0 ? null : (
      <ul className="flex flex-col gap-3">
        {queries.map((query) => (
          <QueryItem key={query.id} query={query} today={context.today} can={context.can} actions={context.actions} showTarget={false} idPrefix={idPrefix} t={t} />
        ))}
      </ul>
    );
  const raise = context.can.raise ? <RaiseQueryForm subjectId={context.subjectId} targets={[target]} idPrefix={idPrefix} action={context.actions.raise} /> : null;

  if (variant === "section") {
    return (
      <section id="record-queries" className="card flex flex-col gap-3" aria-labelledby="record-queries-heading" data-testid="record-queries">
        <h2 id="record-queries-heading" className="text-lg font-semibold">
          {t("queries.onRecord")} ({pending.length})
        </h2>
        {list ?? <p className="text-sm text-slate-600">{t("queries.none")}</p>}
        {raise ? (
          <details className="rounded border border-slate-200 p-3" open={queries.length === 0}>
            <summary className="cursor-pointer font-medium">{t("queries.raise")}</summary>
            <div className="mt-3">{raise}</div>
          </details>
        ) : null}
      </section>
    );
  }

  if (queries.length === 0 && !raise) return <span className="text-slate-500">—</span>;
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="row-queries" data-pending={pending.length}>
      {pending.map((query) => (
        <p key={query.id} className="flex flex-wrap items-center gap-1" data-testid="row-query" data-status={query.status}>
          <QueryStatus status={query.status} t={t} />
          <span className="text-xs text-slate-600" data-testid="query-age">
            {t("queries.age", { days: ageInDays(query.createdAt, context.today) })}
          </span>
        </p>
      ))}
      <details>
        <summary className="cursor-pointer text-xs text-blue-700">{queries.length > 0 ? t("queries.show", { count: queries.length }) : t("queries.raise")}</summary>
        <div className="mt-2 flex min-w-80 flex-col gap-3">
          {list}
          {raise}
        </div>
      </details>
    </div>
  );
}
