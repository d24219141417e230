import { ZPutStudyMembersBody } from "@/lib/api/studies-api";
import { defineRoute } from "@/lib/auth/route";
import { setStudyMembers } from "@/lib/studies/studies";

export const PUT = defineRoute({
  permission: "study:manage",
  body: ZPutStudyMembersBody,
  handler: async ({ actor, body, params, db }) => ({ userIds: await setStudyMembers(db, { actor, input: { ...body, studyId: params.studyId ?? "" } }) }),
});
