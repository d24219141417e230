/**
 * The parameters of a page's address that were refused (a filter, a page number), each named
 * with its message; the page shows its defaults for them instead. Nothing when none was refused.
 */
export function BadParams({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <p role="alert" className="field-error mt-2" data-testid="bad-params">
      {messages.join(" · ")}
    </p>
  );
}
