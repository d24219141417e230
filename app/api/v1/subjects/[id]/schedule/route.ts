import { readAsOf } from "@/lib/api/as-of";
import { defineRoute } from "@/lib/auth/route";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";

export const GET = defineRoute({
  permission: "visit:read",
  params: { id: "id" },
  handler: async ({ actor, params, request, db }) => (await getSubjectSchedule(db, { actor, subjectId: params.id ?? "", asOf: readAsOf(request) })).schedule,
});
