"use server";

import { z } from "zod";
import { defineFormAction } from "@/lib/forms/form-action";
import { recordAdverseEvent, recordSampleResult, resolveEscalation, updateAdverseEvent } from "@/lib/safety-records/safety-records";
import { refineAdverseEvent, refineSampleResult, withoutBlankCloneFieldsOfOtherKinds, ZAdverseEventFields, ZAdverseEventUpdate, ZResolveEscalation, ZSampleResultFields } from "@/lib/validation/safety";

const ZId = z.string().trim().min(1);

export const recordAdverseEventAction = defineFormAction({
  permission: "safety:record",
  input: ZAdverseEventFields.extend({ subjectId: ZId }).superRefine(refineAdverseEvent),
  handler: async ({ actor, input, db }) => {
    const { subjectId, ...fields } = input;
    const { adverseEvent, opened } = await recordAdverseEvent(db, { actor, subjectId, input: fields });
    return { id: adverseEvent.id, escalations: opened.length };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});

export const updateAdverseEventAction = defineFormAction({
  permission: "safety:record",
  input: ZAdverseEventUpdate.extend({ subjectId: ZId, adverseEventId: ZId }),
  handler: async ({ actor, input, db }) => {
    const { subjectId, adverseEventId, ...change } = input;
    const { adverseEvent, opened } = await updateAdverseEvent(db, { actor, subjectId, adverseEventId, input: change });
    return { id: adverseEvent.id, version: adverseEvent.version, escalations: opened.length };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});

const ZSampleResultForm = ZSampleResultFields.extend({ subjectId: ZId });

export const recordSampleResultAction = defineFormAction({
  permission: "safety:record",
  input: z.preprocess<unknown, typeof ZSampleResultForm, z.input<typeof ZSampleResultForm>>(withoutBlankCloneFieldsOfOtherKinds, ZSampleResultForm).superRefine(refineSampleResult),
  handler: async ({ actor, input, db }) => {
    const { subjectId, ...fields } = input;
    const { sampleResult, opened } = await recordSampleResult(db, { actor, subjectId, input: fields });
    return { id: sampleResult.id, escalations: opened.length };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});

export const resolveEscalationAction = defineFormAction({
  permission: "escalation:resolve",
  input: ZResolveEscalation.extend({ escalationId: ZId, subjectId: ZId }),
  handler: async ({ actor, input, db }) => {
    const escalation = await resolveEscalation(db, { actor, escalationId: input.escalationId, input: { note: input.note } });
    return { id: escalation.id };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});
