import { visitResource, ZPostVisitBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getSubject, getVisitRecord, listVisitRecords } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { recordVisit } from "@/lib/subjects/visits";

export const GET = defineRoute({
  permission: "visit:read",
  params: { id: "id" },
  handler: async ({ actor, params, db }) => {
    const subject = await getSubject(db, { actor, subjectId: params.id ?? "" });
    if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
    return { visits: (await listVisitRecords(db, { actor, subjectId: subject.id })).map(visitResource) };
  },
});

export const POST = defineRoute({
  permission: "visit:record",
  params: { id: "id" },
  body: ZPostVisitBody,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    const record = await recordVisit(db, { actor, input: { ...body, subjectId: params.id ?? "" } });
    return visitResource((await getVisitRecord(db, { actor, subjectId: record.subjectId, recordId: record.id }))!);
  },
});
