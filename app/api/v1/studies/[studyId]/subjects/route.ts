import { subjectResource, ZPostSubjectBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getStudy } from "@/lib/db/studies";
import { getSubject, listSubjects } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { enrolSubject } from "@/lib/subjects/subjects";
import { todayCalendarDate } from "@/lib/subjects/today";

export const GET = defineRoute({
  permission: "subject:read",
  params: { studyId: "id" },
  handler: async ({ actor, params, db }) => {
    const study = await getStudy(db, { actor, studyId: params.studyId ?? "" });
    if (!study) throw new AppError("not_found", "No such study.", undefined, { key: "refusal.noSuchStudy" });
    const subjects = await listSubjects(db, { actor, studyId: study.id });
    const extensions = await listSubjectExtensions(db, subjects, todayCalendarDate());
    return { subjects: subjects.map((subject) => subjectResource(subject, extensions.get(subject.id))) };
  },
});

export const POST = defineRoute({
  permission: "subject:enrol",
  params: { studyId: "id" },
  body: ZPostSubjectBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    const created = await enrolSubject(db, { actor, input: { ...body, studyId: params.studyId ?? "" } });
    return subjectResource((await getSubject(db, { actor, subjectId: created.id }))!);
  },
});
