import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Studies the actor may see: all of the organisation's for the sponsor administrator; for
 * investigators and monitors only those they are members of. Every study query uses this.
 */
export function studyScopeFilter(actor: Actor) {
  return actor.role === "SPONSOR_ADMIN"
    ? { organizationId: actor.organizationId }
    : { organizationId: actor.organizationId, members: { some: { userId: actor.id, endedAt: null } } };
}

/** Study list with counts: one query. */
export async function listStudies(db: Db, options: { actor: Actor }) {
  return db.study.findMany({
    where: studyScopeFilter(options.actor),
    select: {
      id: true,
      protocolNumber: true,
      title: true,
      phase: true,
      ruleSet: true,
      product: { select: { id: true, name: true, code: true } },
      _count: { select: { sites: { where: { endedAt: null } }, members: { where: { endedAt: null } } } },
      planVersions: { where: { status: "ACTIVE" }, select: { version: true } },
      consentVersions: { where: { status: "ACTIVE" }, select: { version: true } },
    },
    orderBy: { protocolNumber: "asc" },
  });
}

/** One study with its sites, members and version summaries, or null when not visible. */
/**
 * Whether the study exists and the actor may see it (studyScopeFilter's rule), as one raw query:
 * for reads that need only that answer (the dashboard API), not getStudy's relations.
 */
export async function isStudyVisible(db: Db | Tx, options: { actor: Actor; studyId: string }): Promise<boolean> {
  const { actor } = options;
  const rows = await db.$queryRaw<Array<{ id: string }>>(Prisma.sql`
    SELECT st."id" FROM "study" st
    WHERE st."id" = ${options.studyId} AND st."organizationId" = ${actor.organizationId}
      ${actor.role === "SPONSOR_ADMIN" ? Prisma.empty : Prisma.sql`AND EXISTS (SELECT 1 FROM "study_member" m WHERE m."studyId" = st."id" AND m."userId" = ${actor.id} AND m."endedAt" IS NULL)`}`);
  return rows.length > 0;
}

export async function getStudy(db: Db | Tx, options: { actor: Actor; studyId: string }) {
  return db.study.findFirst({
    where: { id: options.studyId, ...studyScopeFilter(options.actor) },
    include: {
      product: { select: { id: true, name: true, code: true, modality: true, currentProfileVersion: true } },
      sites: { where: { endedAt: null }, include: { site: true }, orderBy: { site: { code: "asc" } } },
      members: { where: { endedAt: null }, include: { user: { select: { id: true, email: true, name: true, role: true } } } },
      consentVersions: { orderBy: { version: "desc" } },
      planVersions: {
        orderBy: { version: "desc" },
        select: { id: true, version: true, status: true, effectiveDate: true, activatedAt: true, amendmentReason: true, createdAt: true },
      },
    },
  });
}
