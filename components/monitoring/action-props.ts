import type { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";
import type { ZAnswerQueryInput, ZCloseQueryInput, ZRaiseQuery, ZReopenQueryInput } from "@/lib/validation/query";

/**
 * The server actions of the query forms, as the pages pass them in (components/ never
 * import app/; app/(app)/queries/actions.ts defines them).
 */
type Action<I, R> = (input: I | FormData) => Promise<ActionResult<R>>;
type StepResult = { id: string; subjectId: string; status: string };

export type RaiseQueryAction = Action<z.input<typeof ZRaiseQuery>, { id: string; subjectId: string }>;
export type AnswerQueryAction = Action<z.input<typeof ZAnswerQueryInput>, StepResult>;

export interface QueryActions {
  raise: RaiseQueryAction;
  answer: AnswerQueryAction;
  close: Action<z.input<typeof ZCloseQueryInput>, StepResult>;
  reopen: Action<z.input<typeof ZReopenQueryInput>, StepResult>;
}
