import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveFeedToken } from "@/lib/auth/feed-tokens";
import { describeFailure } from "@/lib/auth/failure";
import { markGuarded } from "@/lib/auth/guarded";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { getSessionActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, ERROR_STATUS } from "@/lib/errors";

interface RouteContext {
  params: Promise<Record<string, string | string[]>>;
}

interface RouteDefinition<S extends z.ZodType | undefined, R> {
  permission: Permission;
  /** Refuse bearer tokens: e.g. minting tokens needs a signed-in browser session. */
  sessionOnly?: boolean;
  /** Also accept a calendar feed token as `?token=` (feed-tokens.ts): for calendar applications. */
  acceptsFeedToken?: boolean;
  /** Schema of the JSON body, for POST/PUT/PATCH routes. */
  body?: S;
  status?: number;
  handler: (context: {
    actor: Actor;
    body: S extends z.ZodType ? z.output<S> : undefined;
    params: Record<string, string>;
    request: Request;
    db: Db;
  }) => Promise<R>;
}

/**
 * Bearer token when an Authorization header is present (and then only it), else a feed token in
 * `?token=` on routes that accept one (and then only it), else the session cookie.
 */
async function resolveActor(request: Request, sessionOnly: boolean, acceptsFeedToken = false): Promise<Actor | null> {
  if (acceptsFeedToken && !request.headers.has("authorization")) {
    const feedToken = new URL(request.url).searchParams.get("token");
    if (feedToken !== null) return resolveFeedToken(getDb(), feedToken);
  }
  const header = request.headers.get("authorization");
  if (header !== null) {
    if (sessionOnly) throw new AppError("forbidden", "This route needs a signed-in session; API tokens are not accepted.");
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ? resolveApiToken(getDb(), match[1]) : null;
  }
  return getSessionActor();
}

export function errorResponse(code: keyof typeof ERROR_STATUS | "internal", message: string, field?: string): Response {
  const status = code === "internal" ? 500 : ERROR_STATUS[code];
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

/**
 * The one wrapper for /api/v1 route handlers: same permission table as the UI, JSON errors
 * `{ error: { code, message, field? } }` with the matching HTTP status.
 */
export function defineRoute<S extends z.ZodType | undefined = undefined, R = unknown>(definition: RouteDefinition<S, R>) {
  const handler = async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const actor = requirePermission(await resolveActor(request, definition.sessionOnly ?? false, definition.acceptsFeedToken), definition.permission);
      let body: unknown = undefined;
      if (definition.body) {
        let raw: unknown;
        try {
          const text = await request.text();
          raw = text.trim() === "" ? {} : JSON.parse(text);
        } catch {
          throw new AppError("bad_request", "The request body is not valid JSON.");
        }
        body = definition.body.parse(raw);
      }
      const params = Object.fromEntries(Object.entries((await context.params) ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      const result = await definition.handler({ actor, body: body as never, params, request, db: getDb() });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { status: definition.status ?? 200 });
    } catch (error) {
      const failure = describeFailure(error);
      return errorResponse(failure.code, failure.message, failure.field);
    }
  };
  return markGuarded(handler, definition.permission);
}
