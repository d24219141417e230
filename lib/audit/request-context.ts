import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** How the actor of a change was authenticated (audit_log.authMethod; CHECK in the migration). */
export type AuthMethod = "session" | "token" | "command";

/** The request behind a change, written on each of its audit records. */
export interface RequestMetadata {
  requestIp: string | null;
  userAgent: string | null;
  requestId: string;
  authMethod: AuthMethod;
}

const storage = new AsyncLocalStorage<RequestMetadata>();

/**
 * Run `fn` with the request's metadata in scope: every recordAudit inside it, however deep,
 * writes it. The action and route wrappers call this, so no service passes it along.
 */
export function runWithRequestMetadata<T>(metadata: RequestMetadata, fn: () => Promise<T>): Promise<T> {
  return storage.run(metadata, fn);
}

export function currentRequestMetadata(): RequestMetadata | undefined {
  return storage.getStore();
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const MAX_USER_AGENT = 512;

/**
 * The metadata of an incoming request. The address is the last X-Forwarded-For entry (the one
 * the nearest hop wrote; the same rule as the sign-in throttle, lib/auth/auth-options.ts),
 * else X-Real-IP. A well-formed X-Request-Id from the proxy is kept, else one is made.
 */
export function requestMetadataFromHeaders(headers: Pick<Headers, "get">, authMethod: AuthMethod): RequestMetadata {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  const requestIp = forwarded || headers.get("x-real-ip")?.trim() || null;
  const userAgent = headers.get("user-agent")?.slice(0, MAX_USER_AGENT) || null;
  const given = headers.get("x-request-id")?.trim();
  return { requestIp, userAgent, requestId: given && REQUEST_ID.test(given) ? given : randomUUID(), authMethod };
}
