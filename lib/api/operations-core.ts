import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { ZCreateApiToken } from "@/lib/validation/auth";

const ZMe = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["SPONSOR_ADMIN", "INVESTIGATOR", "MONITOR"]), siteIds: z.array(z.string()) });
const ZToken = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });

export const coreOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/me", summary: "The caller's id, name, e-mail, role and sites", permission: "me:read", success: { status: 200, description: "the caller", schema: ZMe } },
  { method: "get", path: "/api/v1/tokens", summary: "The caller's personal API tokens (never the secrets)", permission: "token:manage", success: { status: 200, description: "tokens", schema: z.object({ tokens: z.array(ZToken) }) } },
  {
    method: "post",
    path: "/api/v1/tokens",
    summary: "Create a personal API token; the secret is returned once",
    permission: "token:manage",
    sessionOnly: true,
    body: ZCreateApiToken.partial(),
    success: { status: 201, description: "the new token", schema: z.object({ id: z.string(), token: z.string() }) },
    errors: [400],
  },
  { method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke one of the caller's tokens", permission: "token:manage", success: { status: 204, description: "revoked" }, errors: [404] },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", permission: "me:read", success: { status: 200, description: "OpenAPI 3.1 document" } },
];
