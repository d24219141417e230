import { consentVersionResource, ZPostConsentVersionBody } from "@/lib/api/studies-api";
import { defineRoute } from "@/lib/auth/route";
import { getStudy } from "@/lib/db/studies";
import { AppError } from "@/lib/errors";
import { createConsentVersion } from "@/lib/studies/consent-versions";

export const GET = defineRoute({
  permission: "consent:read",
  handler: async ({ actor, params, db }) => {
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    return { consentVersions: study.consentVersions.map(consentVersionResource) };
  },
});

export const POST = defineRoute({
  permission: "consent:manage",
  body: ZPostConsentVersionBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => consentVersionResource(await createConsentVersion(db, { actor, input: { ...body, studyId: params.studyId ?? "" } })),
});
