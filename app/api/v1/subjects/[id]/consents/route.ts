import { subjectResource, ZPostConsentBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getSubject } from "@/lib/db/subjects";
import { recordConsent } from "@/lib/subjects/subjects";

export const POST = defineRoute({
  permission: "subject:manage",
  params: { id: "id" },
  body: ZPostConsentBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    await recordConsent(db, { actor, input: { ...body, subjectId: params.id ?? "" } });
    return subjectResource((await getSubject(db, { actor, subjectId: params.id ?? "" }))!);
  },
});
