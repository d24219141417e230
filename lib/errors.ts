import type { errorsEn } from "@/lib/i18n/messages/errors.en";

/** Expected failures, mapped by the action and route wrappers to messages and HTTP statuses. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A catalog key of `lib/i18n/messages/errors.*.ts` naming one refusal. */
export type RefusalKey = Extract<keyof typeof errorsEn, `refusal.${string}`>;
/**
 * Parameters of a refusal message. Values named `status`, `role` or `items` are codes the
 * reader's catalog translates (`status.ACTIVE`, `role.MONITOR`, `consent.item.purpose`).
 */
export type RefusalParams = Record<string, string | number | readonly string[]>;
export interface Refusal {
  key: RefusalKey;
  params?: RefusalParams;
}

/**
 * `message` is the English text the API and the commands return; `refusal` is what a form
 * shows in the reader's language (tests/unit/refusals.test.ts fails on a throw without one).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
