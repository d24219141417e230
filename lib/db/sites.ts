import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { siteScopeFilter } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";

/** Sites the actor may see: the organisation's, or an investigator's own. */
export async function listSites(db: Db, options: { actor: Actor }) {
  return db.site.findMany({ where: siteScopeFilter(options.actor), orderBy: { code: "asc" } });
}
