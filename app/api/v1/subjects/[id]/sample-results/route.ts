import { escalationResource, sampleResultResource } from "@/lib/api/safety-api";
import { defineRoute } from "@/lib/auth/route";
import { listSampleResults } from "@/lib/db/safety";
import { getSubject } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { recordSampleResult } from "@/lib/safety-records/safety-records";
import { ZSampleResultInput } from "@/lib/validation/safety";

export const GET = defineRoute({
  params: { id: "id" },
  permission: "safety:read",
  handler: async ({ actor, params, db }) => {
    const subject = await getSubject(db, { actor, subjectId: params.id ?? "" });
    if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
    return { sampleResults: (await listSampleResults(db, { actor, subjectId: subject.id })).map(sampleResultResource) };
  },
});

export const POST = defineRoute({
  params: { id: "id" },
  permission: "safety:record",
  body: ZSampleResultInput,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    const { sampleResult, opened } = await recordSampleResult(db, { actor, subjectId: params.id ?? "", input: body });
    return { ...sampleResultResource(sampleResult), escalations: opened.map(escalationResource) };
  },
});
