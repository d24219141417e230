import { subjectResource } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getSubject } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { todayCalendarDate } from "@/lib/subjects/today";

export const GET = defineRoute({
  permission: "subject:read",
  params: { id: "id" },
  handler: async ({ actor, params, db }) => {
    const subject = await getSubject(db, { actor, subjectId: params.id ?? "" });
    if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
    const extensions = await listSubjectExtensions(db, [subject], todayCalendarDate());
    return subjectResource(subject, extensions.get(subject.id));
  },
});
