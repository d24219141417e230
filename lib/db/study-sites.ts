import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { siteScopeFilter } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { studyScopeFilter } from "@/lib/db/studies";

/**
 * A study's current sites that the actor may see (the study among theirs; an investigator's own
 * sites only), by code: the dashboard's links to each site's calendar. One indexed query.
 */
export async function listStudySitesInScope(db: Db, options: { actor: Actor; studyId: string }): Promise<Array<{ id: string; code: string; name: string }>> {
  const rows = await db.studySite.findMany({
    where: { studyId: options.studyId, endedAt: null, study: studyScopeFilter(options.actor), site: siteScopeFilter(options.actor) },
    select: { site: { select: { id: true, code: true, name: true } } },
    orderBy: { site: { code: "asc" } },
  });
  return rows.map((row) => row.site);
}
