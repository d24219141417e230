import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { changedValues, recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TCreateSite, TUpdateSite } from "@/lib/validation/site";

export async function createSite(db: Db, options: { actor: Actor; input: TCreateSite }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const site = await tx.site.create({ data: { ...input, organizationId: actor.organizationId } });
    await recordAudit(tx, actor, { entity: "Site", entityId: site.id, action: "create", newValues: input });
    return site;
  });
}

export async function updateSite(db: Db, options: { actor: Actor; input: TUpdateSite }) {
  const { actor, input } = options;
  const { id, reason, ...changes } = input;
  return db.$transaction(async (tx) => {
    // The tenant comes from the row: another organisation's site is "not found".
    const before = await tx.site.findFirst({ where: { id, organizationId: actor.organizationId } });
    if (!before) throw new AppError("not_found", "No such site.", undefined, { key: "refusal.noSuchSite" });
    const after = await tx.site.update({ where: { id }, data: changes });
    await recordAudit(tx, actor, {
      entity: "Site",
      entityId: id,
      action: "update",
      ...changedValues(changes, before, after),
      reason,
    });
    return after;
  });
}
