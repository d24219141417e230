import { QueryItem, type QueryPermissions } from "@/components/monitoring/record-queries";
import type { QueryActions } from "@/components/monitoring/action-props";
import { RaiseQueryForm } from "@/components/monitoring/query-forms";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listQueryTargets, type QueryRow } from "@/lib/db/queries";
import { getTranslator } from "@/lib/i18n/server";

/** The reader's query permissions at a subject's site (the server decides; forms only show what it allows). */
export function queryPermissions(actor: Actor, siteId: string): QueryPermissions {
  return { raise: hasPermission(actor, "query:raise"), answer: hasPermission(actor, "query:answer", { siteId }), close: hasPermission(actor, "query:close") };
}

/**
 * The queries on a subject's record, with their age and conversation, and the step each
 * reader may take: a monitor raises, closes and reopens; the site's investigator answers.
 * The page has read the subject in the actor's scope and its queries (lib/db/queries.ts
 * listSubjectQueries) once, for this panel and the rows they concern.
 */
export async function SubjectQueries({ actor, subject, queries, today, actions }: { actor: Actor; subject: { id: string; code: string; siteId: string }; queries: QueryRow[]; today: string; actions: QueryActions }) {
  const t = await getTranslator();
  const can = queryPermissions(actor, subject.siteId);
  const targets = can.raise ? await listQueryTargets(getDb(), { actor, subjectId: subject.id }) : [];
  const open = queries.filter((q) => q.status !== "closed").length;
  return (
    <section id="queries" className="card flex flex-col gap-3" aria-labelledby="queries-heading" data-testid="subject-queries">
      <h2 id="queries-heading" className="text-lg font-semibold">
        {t("queries.title")} ({open})
      </h2>
      {queries.length === 0 ? <p className="text-sm text-slate-600">{t("queries.none")}</p> : null}
      <ul className="flex flex-col gap-3">
        {queries.map((query) => (
          <QueryItem key={query.id} query={query} today={today} can={can} actions={actions} showTarget t={t} />
        ))}
      </ul>
      {can.raise ? (
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
