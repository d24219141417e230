import "server-only";
import type { z } from "zod";
import { requestMetadataFromHeaders, runWithRequestMetadata } from "@/lib/audit/request-context";
import type { Actor } from "@/lib/auth/actor";
import { resolveApiToken } from "@/lib/auth/api-tokens";
import { resolveFeedToken } from "@/lib/auth/feed-tokens";
import { describeFailure } from "@/lib/auth/failure";
import { markGuarded } from "@/lib/auth/guarded";
import { AT_ANY_OWN_SITE, type Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/require-permission";
import { getSessionActor } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db/client";
import { AppError, ERROR_STATUS } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/json-body";
import { judgeOrigin } from "@/lib/http/origin";
import { formatIssuePath } from "@/lib/validation/errors";
import { parsePathParams, type PathParamKind } from "@/lib/validation/path-params";
import { findUnstorableString, UNSTORABLE_TEXT_MESSAGE } from "@/lib/validation/text";

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
  /** Kinds of the path parameters; undeclared ones are record ids. A parameter of the wrong shape is 404. */
  params?: Record<string, PathParamKind>;
  status?: number;
  handler: (context: {
    actor: Actor;
    body: S extends z.ZodType ? z.output<S> : undefined;
    /** Checked against their kinds: an "int" parameter is decimal digits within int32. */
    params: Record<string, string>;
    request: Request;
    db: Db;
  }) => Promise<R>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Bearer token when an Authorization header is present (and then only it), else a calendar feed
 * token in `?token=` on routes that accept one (and then only it), else the session cookie. A
 * cookie-authenticated write must come from the app's own pages (Origin / Sec-Fetch-Site) and
 * carry JSON: a cross-site form or `fetch` cannot forge it.
 */
async function resolveActor(request: Request, sessionOnly: boolean, acceptsFeedToken = false): Promise<Actor | null> {
  if (acceptsFeedToken && !request.headers.has("authorization")) {
    const feedToken = new URL(request.url).searchParams.get("token");
    if (feedToken !== null) return resolveFeedToken(getDb(), feedToken);
  }
  const header = request.headers.get("authorization");
  if (header !== null) {
    if (sessionOnly) throw new AppError("forbidden", "This route needs a signed-in session; API tokens are not accepted.", undefined, { key: "refusal.sessionOnly" });
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1] ? resolveApiToken(getDb(), match[1]) : null;
  }
  if (!SAFE_METHODS.has(request.method)) {
    if (judgeOrigin(request.headers, request.url) === "cross-origin") throw new AppError("forbidden", "Cross-site request refused: this request did not come from the app's own pages.", undefined, { key: "refusal.crossSite" });
    if (request.method !== "DELETE" && !/^application\/json\s*(;|$)/i.test(request.headers.get("content-type") ?? "")) {
      throw new AppError("unsupported_media_type", "Send the request body as Content-Type: application/json.", undefined, { key: "refusal.jsonRequired" });
    }
  }
  return getSessionActor();
}

export function errorResponse(code: keyof typeof ERROR_STATUS | "internal", message: string, field?: string): Response {
  const status = code === "internal" ? 500 : ERROR_STATUS[code];
  return Response.json({ error: { code, message, ...(field ? { field } : {}) } }, { status });
}

/** Parse a JSON body (size-capped), refuse strings PostgreSQL cannot store wherever they are, then the route's schema. */
async function parseBody(request: Request, schema: z.ZodType): Promise<unknown> {
  const raw = await readJsonBody(request);
  const unstorable = findUnstorableString(raw);
  if (unstorable) {
    const field = formatIssuePath(unstorable) || "(input)";
    throw new AppError("bad_request", `${field}: ${UNSTORABLE_TEXT_MESSAGE}`, field, { key: "refusal.unstorableText", params: { field } });
  }
  return schema.parse(raw);
}

/**
 * The one wrapper for /api/v1 route handlers: path parameters checked (else 404), the actor
 * (bearer token, or session cookie with the same-origin and JSON checks), the same permission
 * table as the UI, the body capped at 1 MB (413) and parsed with the shared schema, and JSON
 * errors `{ error: { code, message, field? } }` with the matching HTTP status. No database
 * message ever reaches the client (lib/auth/failure.ts).
 */
export function defineRoute<S extends z.ZodType | undefined = undefined, R = unknown>(definition: RouteDefinition<S, R>) {
  const handler = async (request: Request, context: RouteContext): Promise<Response> =>
    // Bearer token when an Authorization header is present (resolveActor), else the session: the audit records say which.
    runWithRequestMetadata(requestMetadataFromHeaders(request.headers, request.headers.has("authorization") ? "token" : "session"), () => handle(request, context));
  const handle = async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const rawParams = (await context?.params) ?? {};
      const checked = parsePathParams(rawParams, definition.params ?? {});
      const actor = requirePermission(await resolveActor(request, definition.sessionOnly ?? false, definition.acceptsFeedToken), definition.permission, AT_ANY_OWN_SITE);
      if (!checked) throw new AppError("not_found", "No such resource.", undefined, { key: "refusal.noSuchResource" });
      const params = Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, String(v)]));
      const body = definition.body ? await parseBody(request, definition.body) : undefined;
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
