import { visitResource, ZPostSignatureBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getVisitRecord } from "@/lib/db/subjects";
import { signVisit } from "@/lib/subjects/visits";

export const POST = defineRoute({
  permission: "visit:sign",
  params: { id: "id", recordId: "id" },
  body: ZPostSignatureBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    const subjectId = params.id ?? "";
    const recordId = params.recordId ?? "";
    await signVisit(db, { actor, input: { ...body, subjectId, recordId } });
    return visitResource((await getVisitRecord(db, { actor, subjectId, recordId }))!);
  },
});
