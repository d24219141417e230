"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { activatePlanVersion, createPlanVersion, updatePlanDraft } from "@/lib/plans/plan-versions";
import { ZActivatePlanVersion, ZCreatePlanVersion, ZUpdatePlanDraft } from "@/lib/validation/plan-version";

export const createPlanVersionAction = defineFormAction({
  permission: "plan:manage",
  input: ZCreatePlanVersion,
  handler: async ({ actor, input, db }) => {
    const row = await createPlanVersion(db, { actor, input });
    return { id: row.id, version: row.version, studyId: row.studyId };
  },
  revalidate: (input) => [`/studies/${input.studyId}/plans`, `/studies/${input.studyId}`],
});

export const updatePlanDraftAction = defineFormAction({
  permission: "plan:manage",
  input: ZUpdatePlanDraft,
  handler: async ({ actor, input, db }) => {
    const row = await updatePlanDraft(db, { actor, input });
    return { id: row.id, studyId: row.studyId };
  },
  revalidate: (_input, result) => [`/studies/${result.studyId}/plans`],
});

export const activatePlanVersionAction = defineFormAction({
  permission: "plan:manage",
  input: ZActivatePlanVersion,
  handler: async ({ actor, input, db }) => {
    const { active, supersededVersion } = await activatePlanVersion(db, { actor, input });
    return { id: active.id, version: active.version, studyId: active.studyId, supersededVersion };
  },
  revalidate: (_input, result) => [`/studies/${result.studyId}/plans`, `/studies/${result.studyId}`, "/studies"],
});
