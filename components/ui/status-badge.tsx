import type { ReactNode } from "react";

const TONES: Record<string, string> = {
  ACTIVE: "bg-green-100 text-green-900 ring-green-300",
  DRAFT: "bg-amber-100 text-amber-900 ring-amber-300",
  SUPERSEDED: "bg-slate-100 text-slate-700 ring-slate-300",
  DISABLED: "bg-red-100 text-red-900 ring-red-300",
};

/** A status as a small badge; the tone follows the status code, the text is the reader's language. */
export function StatusBadge({ status, children }: { status: string; children: ReactNode }) {
  return (
    <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONES[status] ?? "bg-slate-100 text-slate-800 ring-slate-300"}`} data-status={status}>
      {children}
    </span>
  );
}
