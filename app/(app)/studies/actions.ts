"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { activateConsentVersion, createConsentVersion, updateConsentChecklist } from "@/lib/studies/consent-versions";
import { createStudy, setStudyMembers, setStudySites, updateStudy } from "@/lib/studies/studies";
import { ZActivateConsentVersion, ZCreateConsentVersion, ZUpdateConsentChecklist } from "@/lib/validation/consent";
import { ZCreateStudy, ZSetStudyMembers, ZSetStudySites, ZUpdateStudy } from "@/lib/validation/study";

export const createStudyAction = defineFormAction({
  permission: "study:manage",
  input: ZCreateStudy,
  handler: async ({ actor, input, db }) => {
    const study = await createStudy(db, { actor, input });
    return { id: study.id };
  },
  revalidate: (_input, result) => ["/studies", `/studies/${result.id}`],
});

export const updateStudyAction = defineFormAction({
  permission: "study:manage",
  input: ZUpdateStudy,
  handler: async ({ actor, input, db }) => {
    await updateStudy(db, { actor, input });
    return { id: input.id };
  },
  revalidate: (input) => [`/studies/${input.id}`],
});

export const setStudySitesAction = defineFormAction({
  permission: "study:manage",
  input: ZSetStudySites,
  handler: async ({ actor, input, db }) => {
    const siteIds = await setStudySites(db, { actor, input });
    return { siteIds };
  },
  revalidate: (input) => [`/studies/${input.studyId}`],
});

export const setStudyMembersAction = defineFormAction({
  permission: "study:manage",
  input: ZSetStudyMembers,
  handler: async ({ actor, input, db }) => {
    const userIds = await setStudyMembers(db, { actor, input });
    return { userIds };
  },
  revalidate: (input) => [`/studies/${input.studyId}`],
});

export const createConsentVersionAction = defineFormAction({
  permission: "consent:manage",
  input: ZCreateConsentVersion,
  handler: async ({ actor, input, db }) => {
    const row = await createConsentVersion(db, { actor, input });
    return { id: row.id, version: row.version };
  },
  revalidate: (input) => [`/studies/${input.studyId}`],
});

export const updateConsentChecklistAction = defineFormAction({
  permission: "consent:manage",
  input: ZUpdateConsentChecklist,
  handler: async ({ actor, input, db }) => {
    const row = await updateConsentChecklist(db, { actor, input });
    return { id: row.id, studyId: row.studyId };
  },
  revalidate: (_input, result) => [`/studies/${result.studyId}`],
});

export const activateConsentVersionAction = defineFormAction({
  permission: "consent:manage",
  input: ZActivateConsentVersion,
  handler: async ({ actor, input, db }) => {
    const result = await activateConsentVersion(db, { actor, input });
    return { id: result.active.id, studyId: result.active.studyId, version: result.active.version, reconsentRequired: result.reconsentRequired };
  },
  revalidate: (_input, result) => [`/studies/${result.studyId}`],
});
