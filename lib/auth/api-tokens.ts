import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { AppError } from "@/lib/errors";

const TOKEN_PREFIX = "ltfu_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Create a personal API token. The secret is returned once; only its hash is stored. */
export async function createApiToken(db: Db, options: { actor: Actor; name: string }): Promise<{ id: string; token: string; name: string; prefix: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, TOKEN_PREFIX.length + 6);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: options.actor.id, name: options.name, tokenHash: hashToken(token), prefix },
    });
    await recordAudit(tx, options.actor, { entity: "ApiToken", entityId: row.id, action: "create", newValues: { name: row.name, prefix, userId: row.userId } });
    return { id: row.id, token, name: row.name, prefix };
  });
}

export async function listApiTokens(db: Db, options: { actor: Actor }) {
  return db.apiToken.findMany({
    where: { userId: options.actor.id },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revoke one of the actor's own tokens; another user's token is "not found". */
export async function revokeApiToken(db: Db, options: { actor: Actor; id: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: options.id, userId: options.actor.id } });
    if (!row) throw new AppError("not_found", "No such API token.", undefined, { key: "refusal.noSuchToken" });
    if (row.revokedAt) return;
    const revokedAt = new Date();
    await tx.apiToken.update({ where: { id: row.id }, data: { revokedAt } });
    await recordAudit(tx, options.actor, { entity: "ApiToken", entityId: row.id, action: "revoke", oldValues: { revokedAt: null }, newValues: { revokedAt } });
  });
}

/** The actor behind a bearer token, or null if unknown, revoked, or the user is disabled. */
export async function resolveApiToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  const actor = await getActorByUserId(db, { userId: row.userId });
  // Usage time is informational; at most one write a minute per token.
  if (actor && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}
