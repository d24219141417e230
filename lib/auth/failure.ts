import { z } from "zod";
import { AppError, type ErrorCode, type RefusalKey, type RefusalParams } from "@/lib/errors";
import { PayloadTooLargeError } from "@/lib/http/json-body";
import { listFieldErrors, type FieldError } from "@/lib/validation/errors";

/**
 * What a refused request reports. `message` is English (API, commands); forms render
 * `key`/`params` (or the `error.<code>` fallback) from the reader's catalog instead.
 */
export interface Failure {
  code: ErrorCode | "internal";
  message: string;
  field?: string;
  fieldErrors?: FieldError[];
  key?: RefusalKey;
  params?: RefusalParams;
}

type UniqueViolation = { code: "P2002"; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } };

function isUniqueViolation(error: unknown): error is UniqueViolation {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/**
 * The SQLSTATE of a PostgreSQL error, wherever Prisma and its pg adapter put it
 * (`originalCode`/`code` of the adapter error's `cause`, under `meta.driverAdapterError`).
 */
function sqlState(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  for (const candidate of [record.originalCode, record.code]) {
    if (typeof candidate === "string" && /^[0-9A-Z]{5}$/.test(candidate) && !/^P\d{4}$/.test(candidate)) return candidate;
  }
  const meta = record.meta as Record<string, unknown> | undefined;
  return sqlState(record.cause, depth + 1) ?? sqlState(meta?.driverAdapterError, depth + 1);
}

/** The columns of the violated unique constraint, tenant column left out: Prisma's `target`, or the pg adapter's constraint fields (quoted). */
function uniqueFields(error: UniqueViolation): string[] {
  const raw = error.meta?.target ?? error.meta?.driverAdapterError?.cause?.constraint?.fields;
  const fields = Array.isArray(raw) ? raw.map((f) => String(f).replace(/^"|"$/g, "")) : [];
  return fields.filter((f) => f !== "organizationId");
}

/**
 * Expected errors become messages; anything else is logged and reported without details. No
 * database text ever reaches a client: a value PostgreSQL refuses as data (SQLSTATE class 22:
 * out of range, untranslatable character, too long for an index row…) that a schema let through
 * is a bad request; everything else is "internal".
 */
export function describeFailure(error: unknown): Failure {
  if (error instanceof z.ZodError) {
    const fieldErrors = listFieldErrors(error);
    const first = fieldErrors[0];
    return { code: "bad_request", message: first ? `${first.field}: ${first.message}` : "invalid input", field: first?.field, fieldErrors };
  }
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.refusal ? { key: error.refusal.key, ...(error.refusal.params ? { params: error.refusal.params } : {}) } : {}),
    };
  }
  if (error instanceof PayloadTooLargeError) return { code: "payload_too_large", message: error.message };
  if (isUniqueViolation(error)) {
    const field = uniqueFields(error).join(",") || undefined;
    return { code: "conflict", message: `A record with this ${field || "value"} already exists.`, key: "refusal.duplicate", ...(field ? { field } : {}) };
  }
  const state = sqlState(error);
  console.error(error);
  if (state?.startsWith("22") || state === "54000") return { code: "bad_request", message: "A value cannot be stored (out of range or too long). Nothing was saved." };
  return { code: "internal", message: "Something went wrong on the server. Nothing was saved." };
}
