"use client";

import { useMemo, useState, type ReactNode } from "react";

export interface Column {
  key: string;
  header: ReactNode;
  /** Sortable columns get a button in their header. */
  sortable?: boolean;
  /** Hidden header text (a column of buttons still needs a name). */
  srOnly?: boolean;
  className?: string;
}

export interface Row {
  key: string;
  cells: Record<string, ReactNode>;
  /** Values the sortable columns sort by. */
  sort?: Record<string, string | number>;
  testId?: string;
}

/**
 * The data table of every page: a caption for screen readers, sortable headers (`aria-sort`),
 * an empty state, and horizontal scrolling inside its own box on narrow screens so the page
 * never scrolls sideways. Cells are rendered by the (server) page; only the order is client state.
 */
export function DataTable({
  label,
  columns,
  rows,
  empty,
  initialSort,
  testId,
  minWidth = "min-w-[40rem]",
}: {
  label: string;
  columns: Column[];
  rows: Row[];
  empty: ReactNode;
  initialSort?: { key: string; direction: "asc" | "desc" };
  testId?: string;
  /** The table's narrowest width (a Tailwind class): below it the table scrolls in its box instead of squeezing its columns. */
  minWidth?: string;
}) {
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const factor = sort.direction === "asc" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = a.sort?.[sort.key] ?? "";
      const y = b.sort?.[sort.key] ?? "";
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y))) * factor;
    });
  }, [rows, sort]);

  if (rows.length === 0) {
    return (
      <p className="rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600" data-testid={testId ? `${testId}-empty` : undefined}>
        {empty}
      </p>
    );
  }
  return (
    <div className="relative max-w-full overflow-x-auto" data-testid={testId}>
      <table className={`table ${minWidth}`}>
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const direction = sort?.key === column.key ? sort.direction : null;
              return (
                <th key={column.key} scope="col" className={`whitespace-nowrap ${column.className ?? ""}`} aria-sort={column.sortable ? (direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none") : undefined}>
                  {column.sortable ? (
                    <button
                      type="button"
                      className="inline-flex items-center gap-1 font-semibold hover:text-blue-800"
                      onClick={() => setSort({ key: column.key, direction: direction === "asc" ? "desc" : "asc" })}
                    >
                      {column.header}
                      <span aria-hidden="true" className="text-xs text-slate-500">
                        {direction === "asc" ? "▲" : direction === "desc" ? "▼" : "↕"}
                      </span>
                    </button>
                  ) : column.srOnly ? (
                    <span className="sr-only">{column.header}</span>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.key} data-testid={row.testId}>
              {columns.map((column) => (
                <td key={column.key} className={column.className}>
                  {row.cells[column.key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
