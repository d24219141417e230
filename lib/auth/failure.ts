import { z } from "zod";
import { AppError, type ErrorCode, type RefusalKey, type RefusalParams } from "@/lib/errors";
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

/** The columns of the violated unique constraint, tenant column left out: Prisma's `target`, or the pg adapter's constraint fields (quoted). */
function uniqueFields(error: UniqueViolation): string[] {
  const raw = error.meta?.target ?? error.meta?.driverAdapterError?.cause?.constraint?.fields;
  const fields = Array.isArray(raw) ? raw.map((f) => String(f).replace(/^"|"$/g, "")) : [];
  return fields.filter((f) => f !== "organizationId");
}

/** Expected errors become messages; anything else is logged and reported without details. */
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
  if (isUniqueViolation(error)) {
    const field = uniqueFields(error).join(",") || undefined;
    return { code: "conflict", message: `A record with this ${field || "value"} already exists.`, key: "refusal.duplicate", ...(field ? { field } : {}) };
  }
  console.error(error);
  return { code: "internal", message: "Something went wrong on the server. Nothing was saved." };
}
