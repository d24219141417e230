import type { ReactNode } from "react";

/** The page's one h1, with its context line above and actions beside it. */
export function PageHeader({ title, context, description, actions }: { title: ReactNode; context?: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {context ? <p className="text-sm text-slate-600">{context}</p> : null}
        <h1 className="text-2xl font-semibold break-words">{title}</h1>
        {description ? <div className="mt-1 text-slate-700">{description}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </header>
  );
}
