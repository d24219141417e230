const VISIT_STYLES: Record<string, string> = {
  completed: "bg-green-100 text-green-900",
  missed: "bg-slate-200 text-slate-800",
  not_required: "bg-slate-100 text-slate-500",
  overdue: "bg-red-100 text-red-900",
  window_open: "bg-amber-100 text-amber-900",
  upcoming: "bg-blue-50 text-blue-900",
  active: "bg-green-100 text-green-900",
  withdrawn: "bg-slate-200 text-slate-800",
  lost_to_follow_up: "bg-orange-100 text-orange-900",
  died: "bg-slate-300 text-slate-900",
  extension: "bg-purple-100 text-purple-900",
};

/** A status as a coloured label; the text is the reader's language, the colour only repeats it. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ${VISIT_STYLES[status] ?? "bg-slate-100"}`} data-status={status}>{label}</span>;
}
