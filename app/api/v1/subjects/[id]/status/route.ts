import { subjectResource, ZPostStatusBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getSubject } from "@/lib/db/subjects";
import { changeSubjectStatus } from "@/lib/subjects/subjects";

export const POST = defineRoute({
  permission: "subject:manage",
  params: { id: "id" },
  body: ZPostStatusBody,
  handler: async ({ actor, body, params, db }) => {
    await changeSubjectStatus(db, { actor, input: { ...body, subjectId: params.id ?? "" } });
    return subjectResource((await getSubject(db, { actor, subjectId: params.id ?? "" }))!);
  },
});
