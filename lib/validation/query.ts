import { z } from "zod";
import { requiredText, trimmedText } from "@/lib/validation/text";

/** Data clarification (CLINICAL-API-CONTRACT.md, "Queries"): one schema per step, shared by the API, the forms and the service. */
export const QUERY_TARGET_TYPES = ["subject", "visit", "adverse_event", "sample_result"] as const;
export const ZQueryTargetType = z.enum(QUERY_TARGET_TYPES);
export type TQueryTargetType = z.infer<typeof ZQueryTargetType>;

export const QUERY_STATUSES = ["open", "answered", "closed"] as const;
export const ZQueryStatus = z.enum(QUERY_STATUSES);
export type TQueryStatus = z.infer<typeof ZQueryStatus>;

const ZId = requiredText(100, "required");
/** A message of the conversation: required, trimmed, at most 4,000 characters. */
const ZQueryText = requiredText(4000, "required");

export const ZRaiseQuery = z.object({
  subjectId: ZId,
  target: z.object({ type: ZQueryTargetType, id: ZId }),
  text: ZQueryText,
});
export type TRaiseQuery = z.infer<typeof ZRaiseQuery>;

export const ZAnswerQuery = z.object({ text: ZQueryText });
export const ZCloseQuery = z.object({ note: trimmedText(4000).optional() });
export const ZReopenQuery = z.object({ text: ZQueryText });

/** Form/action inputs: the body plus the query's id. */
export const ZQueryId = z.object({ queryId: ZId });
export const ZAnswerQueryInput = ZAnswerQuery.extend(ZQueryId.shape);
export const ZCloseQueryInput = ZCloseQuery.extend(ZQueryId.shape);
export const ZReopenQueryInput = ZReopenQuery.extend(ZQueryId.shape);
export type TAnswerQueryInput = z.infer<typeof ZAnswerQueryInput>;
export type TCloseQueryInput = z.infer<typeof ZCloseQueryInput>;
export type TReopenQueryInput = z.infer<typeof ZReopenQueryInput>;

/** The state machine: which step leads from which state (any other is 409). */
export const QUERY_TRANSITIONS = {
  answer: { from: "open", to: "answered" },
  close: { from: "answered", to: "closed" },
  reopen: { from: "closed", to: "open" },
} as const satisfies Record<string, { from: TQueryStatus; to: TQueryStatus }>;
export type TQueryStep = keyof typeof QUERY_TRANSITIONS;
