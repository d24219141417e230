import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { studyScopeFilter } from "@/lib/db/studies";

/** A study's plan versions, newest first, when the study is visible to the actor. */
export async function listPlanVersions(db: Db, options: { actor: Actor; studyId: string }) {
  return db.planVersion.findMany({ where: { studyId: options.studyId, study: studyScopeFilter(options.actor) }, orderBy: { version: "desc" } });
}

export async function getPlanVersion(db: Db, options: { actor: Actor; studyId: string; version: number }) {
  return db.planVersion.findFirst({ where: { studyId: options.studyId, version: options.version, study: studyScopeFilter(options.actor) } });
}
