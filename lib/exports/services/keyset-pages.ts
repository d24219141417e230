/** Rows read per database round trip when streaming an export (keyset pagination on id). */
export const PAGE_SIZE = 1000;

/**
 * A table read a page at a time by keyset on a unique column (`id`, or a subject's `code`):
 * memory holds one page, and each page is one index range from the last key read (no OFFSET).
 * `readPage` gets the condition that starts its page after the previous one (none for the
 * first) and asks for `pageSize` rows ordered by that column; empty pages are not yielded.
 */
export async function* keysetPages<Key extends string, Row extends Record<Key, string>>(
  key: Key,
  readPage: (after: Partial<Record<Key, { gt: string }>>) => Promise<Row[]>,
  pageSize = PAGE_SIZE,
): AsyncGenerator<Row[]> {
  let after: Partial<Record<Key, { gt: string }>> = {};
  for (;;) {
    const rows = await readPage(after);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last: string = rows[rows.length - 1]![key];
    after = { [key]: { gt: last } } as Partial<Record<Key, { gt: string }>>;
  }
}
