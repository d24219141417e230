import { useId, type ReactNode } from "react";

/** A titled card: a `section` named by its h2 (or untitled, a plain card). */
export function SectionCard({ title, actions, children, className, testId }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  const id = useId();
  return (
    <section className={`card flex min-w-0 flex-col gap-3 ${className ?? ""}`} aria-labelledby={title ? id : undefined} data-testid={testId}>
      {title || actions ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          {title ? (
            <h2 id={id} className="text-lg font-semibold">
              {title}
            </h2>
          ) : null}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
