"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { changeSubjectStatus, enrolSubject, recordConsent } from "@/lib/subjects/subjects";
import { recordVisit, signVisit, updateVisit } from "@/lib/subjects/visits";
import { ZChangeSubjectStatus, ZEnrolSubject, ZRecordConsent } from "@/lib/validation/subject";
import { ZRecordVisit, ZSignVisit, ZUpdateVisit } from "@/lib/validation/visit";

export const enrolSubjectAction = defineFormAction({
  permission: "subject:enrol",
  input: ZEnrolSubject,
  handler: async ({ actor, input, db }) => ({ id: (await enrolSubject(db, { actor, input })).id }),
  revalidate: (_input, result) => ["/investigator", `/subjects/${result.id}`],
});

export const recordConsentAction = defineFormAction({
  permission: "subject:manage",
  input: ZRecordConsent,
  handler: async ({ actor, input, db }) => {
    await recordConsent(db, { actor, input });
    return { id: input.subjectId };
  },
  revalidate: (input) => ["/investigator", `/subjects/${input.subjectId}`],
});

export const changeSubjectStatusAction = defineFormAction({
  permission: "subject:manage",
  input: ZChangeSubjectStatus,
  handler: async ({ actor, input, db }) => changeSubjectStatus(db, { actor, input }),
  revalidate: (input) => ["/investigator", `/subjects/${input.subjectId}`],
});

export const recordVisitAction = defineFormAction({
  permission: "visit:record",
  input: ZRecordVisit,
  handler: async ({ actor, input, db }) => {
    const record = await recordVisit(db, { actor, input });
    return { id: record.id, version: record.version };
  },
  revalidate: (input) => ["/investigator", `/subjects/${input.subjectId}`],
});

export const updateVisitAction = defineFormAction({
  permission: "visit:record",
  input: ZUpdateVisit,
  handler: async ({ actor, input, db }) => {
    const record = await updateVisit(db, { actor, input });
    return { id: record.id, version: record.version };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});

export const signVisitAction = defineFormAction({
  permission: "visit:sign",
  input: ZSignVisit,
  handler: async ({ actor, input, db }) => {
    const signature = await signVisit(db, { actor, input });
    return { id: signature.id };
  },
  revalidate: (input) => [`/subjects/${input.subjectId}`],
});
