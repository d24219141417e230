import Link from "@/components/ui/link";
import type { AnswerQueryAction } from "@/components/monitoring/action-props";
import { QueryStepForm } from "@/components/monitoring/query-forms";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listPendingQueries } from "@/lib/db/queries";
import { getTranslator } from "@/lib/i18n/server";

/** Open queries in the actor's scope with their age, oldest first, each leading to the record it concerns (a visit's record page, else the subject's queries); an investigator answers them here. One query. */
export async function OpenQueriesWorklist({ actor, asOf, answer }: { actor: Actor; asOf: string; answer: AnswerQueryAction }) {
  const t = await getTranslator();
  const queries = await listPendingQueries(getDb(), { actor, asOf, statuses: ["open"] });
  return (
    <section className="card flex flex-col gap-2" aria-labelledby="wl-queries" data-testid="worklist-queries">
      <h3 id="wl-queries" className="font-semibold text-red-900">
        {t("queries.worklist")} ({queries.length})
      </h3>
      {queries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("worklist.none")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {queries.map((query) => (
            <li key={query.id} className="rounded border border-slate-200 p-3" data-testid="worklist-query">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <Link className="font-medium text-blue-700 underline" href={query.visitRecordId ? `/subjects/${query.subjectId}/visits/${query.visitRecordId}#record-queries` : `/subjects/${query.subjectId}#queries`}>
                  {query.subjectCode}
                </Link>
                <span className="text-xs text-slate-500">
                  {query.protocolNumber} · {query.siteCode}
                </span>
                <span>
                  {t(`queries.target.${query.targetType}`)}: {query.targetLabel}
                </span>
                <span className="text-xs text-slate-600">{t("queries.age", { days: query.ageDays })}</span>
              </p>
              <p className="mt-1 whitespace-pre-wrap text-sm">{query.lastText}</p>
              {hasPermission(actor, "query:answer", { siteId: query.siteId }) ? (
                <div className="mt-2">
                  <QueryStepForm queryId={query.id} step="answer" action={answer} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
