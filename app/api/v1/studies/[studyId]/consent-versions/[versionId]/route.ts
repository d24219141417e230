import { consentVersionResource, ZPatchConsentVersionBody } from "@/lib/api/studies-api";
import { defineRoute } from "@/lib/auth/route";
import { updateConsentChecklist } from "@/lib/studies/consent-versions";

export const PATCH = defineRoute({
  permission: "consent:manage",
  body: ZPatchConsentVersionBody,
  handler: async ({ actor, body, params, db }) => {
    return consentVersionResource(await updateConsentChecklist(db, { actor, input: { ...body, id: params.versionId ?? "" }, studyId: params.studyId ?? "" }));
  },
});
