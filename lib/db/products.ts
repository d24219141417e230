import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";

/** Sponsor administrators see the organisation's products; monitors only those of the studies they are members of. */
export function productScopeFilter(actor: Actor) {
  return actor.role === "SPONSOR_ADMIN"
    ? { organizationId: actor.organizationId }
    : { organizationId: actor.organizationId, studies: { some: { members: { some: { userId: actor.id, endedAt: null } } } } };
}

/** Products the actor may see with their current (latest) risk profile version: one query. */
export async function listProducts(db: Db, options: { actor: Actor }) {
  return db.product.findMany({
    where: productScopeFilter(options.actor),
    include: { profileVersions: { orderBy: { version: "desc" }, take: 1 }, _count: { select: { studies: true } } },
    orderBy: { code: "asc" },
  });
}

/** One product with its whole profile history, newest first, or null when not the actor's. */
export async function getProduct(db: Db | Tx, options: { actor: Actor; productId: string }) {
  return db.product.findFirst({
    where: { id: options.productId, ...productScopeFilter(options.actor) },
    include: {
      profileVersions: { orderBy: { version: "desc" } },
      studies: { select: { id: true, protocolNumber: true, title: true } },
    },
  });
}

/** Active plan versions of every study of the product (for compliance after a profile change). */
export async function listActivePlansOfProduct(db: Db | Tx, options: { productId: string }) {
  return db.planVersion.findMany({
    where: { status: "ACTIVE", study: { productId: options.productId } },
    select: { id: true, version: true, plan: true, justifications: true, study: { select: { id: true, protocolNumber: true } } },
  });
}

/** Products to choose from when creating a study (code and name only). */
export async function listProductChoices(db: Db, options: { actor: Actor }) {
  return db.product.findMany({ where: productScopeFilter(options.actor), select: { id: true, name: true, code: true }, orderBy: { code: "asc" } });
}
