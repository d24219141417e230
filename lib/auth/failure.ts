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

function isUniqueViolation(error: unknown): error is { code: "P2002"; meta?: { target?: unknown } } {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
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
    const target = error.meta?.target;
    const field = Array.isArray(target) ? target.filter((t) => t !== "organizationId").join(",") : undefined;
    return { code: "conflict", message: `A record with this ${field || "value"} already exists.`, key: "refusal.duplicate", ...(field ? { field } : {}) };
  }
  console.error(error);
  return { code: "internal", message: "Something went wrong on the server. Nothing was saved." };
}
