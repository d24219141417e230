import { consentVersionResource, ZActivateConsentVersionBody } from "@/lib/api/studies-api";
import { defineRoute } from "@/lib/auth/route";
import { activateConsentVersion } from "@/lib/studies/consent-versions";

export const POST = defineRoute({
  permission: "consent:manage",
  body: ZActivateConsentVersionBody,
  handler: async ({ actor, body, params, db }) => {
    const { active, reconsentRequired } = await activateConsentVersion(db, { actor, input: { ...body, id: params.versionId ?? "" }, studyId: params.studyId ?? "" });
    return { ...consentVersionResource(active), reconsentRequired };
  },
});
