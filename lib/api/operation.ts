import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

/**
 * One /api/v1 operation as the OpenAPI document describes it. Each area lists its
 * operations in lib/api/operations-<area>.ts, built from the same zod schemas the route
 * handlers parse with; tests/unit/openapi.test.ts fails when a route handler is missing.
 */
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path with {param} placeholders, e.g. /api/v1/products/{id}. */
  path: string;
  summary: string;
  permission: Permission;
  /** True when API tokens are refused and a browser session is required. */
  sessionOnly?: boolean;
  body?: z.ZodType;
  /** Query parameters, documented from this schema's fields. */
  query?: z.ZodObject;
  /** Success status and the schema of its JSON body (omit for 204); `contentType` for a file (CSV, XML, iCalendar). */
  success: { status: number; description: string; schema?: z.ZodType; contentType?: string };
  /** Error statuses this operation can answer besides 401 and 403. */
  errors?: Array<400 | 404 | 409 | 422>;
}
