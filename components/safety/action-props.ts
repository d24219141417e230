import type { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";
import type { ZAdverseEventFields, ZAdverseEventUpdate, ZResolveEscalation, ZSampleResultFields } from "@/lib/validation/safety";

/**
 * The server actions of the safety forms, as the subject page passes them in
 * (components/ never import app/; app/(app)/subjects/safety-actions.ts defines them).
 */
type Action<I, R> = (input: I | FormData) => Promise<ActionResult<R>>;

export interface SafetyActions {
  recordAdverseEvent: Action<z.input<typeof ZAdverseEventFields> & { subjectId: string }, { id: string; escalations: number }>;
  updateAdverseEvent: Action<z.input<typeof ZAdverseEventUpdate> & { subjectId: string; adverseEventId: string }, { id: string; version: number; escalations: number }>;
  recordSampleResult: Action<z.input<typeof ZSampleResultFields> & { subjectId: string }, { id: string; escalations: number }>;
  resolveEscalation: Action<z.input<typeof ZResolveEscalation> & { escalationId: string; subjectId: string }, { id: string }>;
}
