import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The actor for a user id, or null when the user is gone or disabled, or when `sessionVersion`
 * is given and is not the user's current one. Runs on every signed-in request, so it is one
 * raw query (the user row with its current sites as an array): Prisma's `select` with the
 * `sites` relation issued two queries and cost about five times the CPU (decision 010,
 * "Per-request cost").
 */
export async function getActorByUserId(db: Db | Tx, options: { userId: string; sessionVersion?: number }): Promise<Actor | null> {
  const [user] = await db.$queryRaw<Array<{ id: string; email: string; name: string; role: Role; organizationId: string; disabledAt: Date | null; sessionVersion: number; siteIds: string[] }>>`
    SELECT u."id", u."email", u."name", u."role"::text AS "role", u."organizationId", u."disabledAt", u."sessionVersion",
      ARRAY(SELECT us."siteId" FROM "user_site" us WHERE us."userId" = u."id" AND us."endedAt" IS NULL) AS "siteIds"
    FROM "app_user" u
    WHERE u."id" = ${options.userId}`;
  if (!user || user.disabledAt) return null;
  if (options.sessionVersion !== undefined && options.sessionVersion !== user.sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organizationId: user.organizationId,
    siteIds: user.role === "INVESTIGATOR" ? [...user.siteIds].sort() : [],
  };
}

export async function getSessionVersion(db: Db | Tx, options: { userId: string }): Promise<number> {
  const user = await db.user.findUnique({ where: { id: options.userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}

/** End every session of the user (sign-out, password change): their session version moves on. */
export async function endAllSessions(db: Db | Tx, options: { userId: string }): Promise<void> {
  await db.user.updateMany({ where: { id: options.userId }, data: { sessionVersion: { increment: 1 } } });
}

export async function getUserForSignIn(db: Db, options: { email: string }) {
  return db.user.findUnique({ where: { email: options.email }, select: { id: true, passwordHash: true, disabledAt: true } });
}

export async function listUsers(db: Db, options: { actor: Actor }) {
  return db.user.findMany({
    where: { organizationId: options.actor.organizationId },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, sites: { where: { endedAt: null }, select: { site: { select: { id: true, code: true } } } } },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
}

/** Investigators and monitors of the actor's organisation: the candidates for study membership. */
export async function listStudyMemberCandidates(db: Db, options: { actor: Actor }) {
  return db.user.findMany({
    where: { organizationId: options.actor.organizationId, role: { in: ["INVESTIGATOR", "MONITOR"] } },
    select: { id: true, email: true, role: true },
    orderBy: { email: "asc" },
  });
}

/** Counts for the sponsor's home page: sites and users of the organisation. */
export async function countOrganizationConfiguration(db: Db, options: { actor: Actor }) {
  const where = { organizationId: options.actor.organizationId };
  const [productCount, studyCount, siteCount, userCount] = await Promise.all([db.product.count({ where }), db.study.count({ where }), db.site.count({ where }), db.user.count({ where })]);
  return { productCount, studyCount, siteCount, userCount };
}
