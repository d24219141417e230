import type { z } from "zod";
import type { ActionResult } from "@/lib/auth/action";
import type { ZChangeSubjectStatus, ZEnrolSubject, ZRecordConsent } from "@/lib/validation/subject";
import type { ZRecordVisit, ZSignVisit, ZUpdateVisit } from "@/lib/validation/visit";

/**
 * The server actions of the subject and visit forms, as the pages pass them in
 * (components/ never import app/; app/(app)/subjects/actions.ts defines them). A form submits
 * its `FormData` (read by the schema's shape); tests and scripts call them with the typed input.
 */
type Action<S extends z.ZodType, R> = (input: z.input<S> | FormData) => Promise<ActionResult<R>>;

export type EnrolSubjectAction = Action<typeof ZEnrolSubject, { id: string }>;
export type RecordConsentAction = Action<typeof ZRecordConsent, { id: string }>;
export type ChangeSubjectStatusAction = Action<typeof ZChangeSubjectStatus, unknown>;
export type RecordVisitAction = Action<typeof ZRecordVisit, { id: string; version: number }>;
export type UpdateVisitAction = Action<typeof ZUpdateVisit, { id: string; version: number }>;
export type SignVisitAction = Action<typeof ZSignVisit, { id: string }>;
