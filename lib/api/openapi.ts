import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { coreOperations } from "@/lib/api/operations-core";
import { planOperations } from "@/lib/api/operations-plans";
import { productOperations } from "@/lib/api/operations-products";
import { safetyOperations } from "@/lib/api/operations-safety";
import { studyOperations } from "@/lib/api/operations-studies";
import { subjectOperations } from "@/lib/api/operations-subjects";
import { monitoringOperations } from "@/lib/api/operations-monitoring";

/** Every documented operation; areas add their lists here. */
export const API_OPERATIONS: ApiOperation[] = [...coreOperations, ...productOperations, ...studyOperations, ...planOperations, ...subjectOperations, ...safetyOperations, ...monitoringOperations];

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Bad input: `error.field` names the field",
  401: "No valid session or bearer token",
  403: "The caller's role or site does not allow this",
  404: "Not found, or not visible to the caller",
  409: "Conflicts with existing data",
  422: "Well-formed but refused by a business rule",
};

const ZErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas. */
export function buildOpenApiDocument(operations: ApiOperation[] = API_OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const responses: Record<string, unknown> = {
      [op.success.status]: {
        description: op.success.description,
        ...(op.success.schema ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } } : {}),
      },
    };
    for (const status of [401, 403, ...(op.errors ?? [])]) {
      responses[status] = { description: ERROR_DESCRIPTIONS[status], content: { "application/json": { schema: jsonSchema(ZErrorBody, "output") } } };
    }
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      description: `Permission: \`${op.permission}\`${op.sessionOnly ? " (browser session only; API tokens are refused)" : ""}.`,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
      responses,
      security: op.sessionOnly ? [{ session: [] }] : [{ bearer: [] }, { session: [] }],
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "LTFU Manager API", version: "1", description: "Long-term follow-up of gene therapy trials (CDE guideline). Same permissions as the UI." },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "Personal API token from Settings" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths,
  };
}
