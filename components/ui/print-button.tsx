"use client";

/** Prints the page; the label comes translated from the server page (no catalog shipped for it). */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn-secondary print:hidden" onClick={() => window.print()}>
      {label}
    </button>
  );
}
