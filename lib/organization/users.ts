import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TCreateUser, TSetUserDisabled, TSetUserSites } from "@/lib/validation/user";

/** Create a user of the actor's organisation; investigators are assigned to its sites. */
export async function createUser(db: Db, options: { actor: Actor; input: TCreateUser }) {
  const { actor, input } = options;
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const sites = await tx.site.findMany({ where: { id: { in: input.siteIds }, organizationId: actor.organizationId }, select: { id: true } });
    if (sites.length !== new Set(input.siteIds).size) throw new AppError("bad_request", "siteIds: unknown site", "siteIds", { key: "refusal.unknownSite" });
    const user = await tx.user.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        sites: { create: sites.map((s) => ({ siteId: s.id, organizationId: actor.organizationId })) },
      },
    });
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: user.id,
      action: "create",
      newValues: { email: user.email, name: user.name, role: user.role, siteIds: sites.map((s) => s.id).sort() },
    });
    return { id: user.id, email: user.email };
  });
}

/** Disable or re-enable an account; a disabled user can neither sign in nor use tokens. */
export async function setUserDisabled(db: Db, options: { actor: Actor; input: TSetUserDisabled }) {
  const { actor, input } = options;
  if (input.userId === actor.id) throw new AppError("unprocessable", "You cannot disable your own account.", "userId", { key: "refusal.cannotDisableSelf" });
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: input.userId, organizationId: actor.organizationId } });
    if (!before) throw new AppError("not_found", "No such user.", undefined, { key: "refusal.noSuchUser" });
    const disabledAt = input.disabled ? (before.disabledAt ?? new Date()) : null;
    await tx.user.update({ where: { id: before.id }, data: { disabledAt } });
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: before.id,
      action: input.disabled ? "disable" : "enable",
      oldValues: { disabledAt: before.disabledAt },
      newValues: { disabledAt },
      reason: input.reason,
    });
  });
}

/**
 * Reassign an investigator's sites. Their data access follows at once (site scope is read
 * on every request). A study they are a member of must keep one of its sites among theirs,
 * or they would be a member who can see none of it: remove them from the study first.
 */
export async function setUserSites(db: Db, options: { actor: Actor; input: TSetUserSites }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({
      where: { id: input.userId, organizationId: actor.organizationId },
      include: {
        sites: { where: { endedAt: null }, select: { siteId: true } },
        studies: { where: { endedAt: null }, select: { study: { select: { protocolNumber: true, sites: { where: { endedAt: null }, select: { siteId: true } } } } } },
      },
    });
    if (!user) throw new AppError("not_found", "No such user.", undefined, { key: "refusal.noSuchUser" });
    if (user.role !== "INVESTIGATOR") throw new AppError("bad_request", "siteIds: only investigators are assigned to sites", "siteIds", { key: "refusal.onlyInvestigatorsHaveSites" });
    const siteIds = [...new Set(input.siteIds)].sort();
    const sites = await tx.site.findMany({ where: { id: { in: siteIds }, organizationId: actor.organizationId }, select: { id: true } });
    if (sites.length !== siteIds.length) throw new AppError("bad_request", "siteIds: unknown site", "siteIds", { key: "refusal.unknownSite" });
    const stranded = user.studies.filter((m) => !m.study.sites.some((s) => siteIds.includes(s.siteId))).map((m) => m.study.protocolNumber);
    if (stranded.length > 0) {
      throw new AppError("unprocessable", `siteIds: keep a site of study ${stranded.join(", ")}, or remove the investigator from it first`, "siteIds", {
        key: "refusal.investigatorWouldKeepNoStudySite",
        params: { studies: stranded.join(", ") },
      });
    }
    const before = user.sites.map((s) => s.siteId).sort();
    // Assignments end instead of disappearing: who could see which site, when, stays answerable.
    await tx.userSite.updateMany({ where: { userId: user.id, endedAt: null, siteId: { notIn: siteIds } }, data: { endedAt: new Date() } });
    const added = siteIds.filter((siteId) => !before.includes(siteId));
    await tx.userSite.createMany({ data: added.map((siteId) => ({ userId: user.id, siteId, organizationId: actor.organizationId })) });
    await recordAudit(tx, actor, { entity: "User", entityId: user.id, action: "update", oldValues: { siteIds: before }, newValues: { siteIds }, reason: input.reason });
    return { userId: user.id, siteIds };
  });
}
