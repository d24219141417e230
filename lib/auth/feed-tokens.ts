import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";

/**
 * Calendar feed tokens: calendar applications cannot send a bearer header, so the feed URL
 * carries `?token=`. A feed token is a row of api_token (listed and revoked with the user's API
 * tokens) whose secret has its own prefix, so it is refused as a bearer token (api-tokens.ts
 * accepts `ltfu_` only) and accepted only by routes that take feed tokens: a leaked calendar
 * URL reads one calendar, never the API.
 */
export const FEED_TOKEN_PREFIX = "ltfucal_";
export const FEED_TOKEN_NAME = "Calendar feed";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function createFeedToken(db: Db, options: { actor: Actor }): Promise<{ id: string; token: string; prefix: string }> {
  const token = `${FEED_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = token.slice(0, FEED_TOKEN_PREFIX.length + 6);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId: options.actor.id, name: FEED_TOKEN_NAME, tokenHash: hashToken(token), prefix } });
    await recordAudit(tx, options.actor, { entity: "ApiToken", entityId: row.id, action: "create", newValues: { name: row.name, prefix, userId: row.userId, kind: "calendar_feed" } });
    return { id: row.id, token, prefix };
  });
}

/** The owner of a feed token, or null if unknown, revoked, not a feed token, or the user is disabled. */
export async function resolveFeedToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith(FEED_TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  const actor = await getActorByUserId(db, { userId: row.userId });
  if (actor && (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return actor;
}
