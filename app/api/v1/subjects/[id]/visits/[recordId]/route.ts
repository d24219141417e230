import { visitResource, ZPatchVisitBody } from "@/lib/api/subjects-api";
import { defineRoute } from "@/lib/auth/route";
import { getVisitRecord } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { updateVisit } from "@/lib/subjects/visits";

export const GET = defineRoute({
  permission: "visit:read",
  params: { id: "id", recordId: "id" },
  handler: async ({ actor, params, db }) => {
    const record = await getVisitRecord(db, { actor, subjectId: params.id ?? "", recordId: params.recordId ?? "" });
    if (!record) throw new AppError("not_found", "No such visit record.", undefined, { key: "refusal.noSuchVisitRecord" });
    return visitResource(record);
  },
});

export const PATCH = defineRoute({
  permission: "visit:record",
  params: { id: "id", recordId: "id" },
  body: ZPatchVisitBody,
  handler: async ({ actor, body, params, db }) => visitResource(await updateVisit(db, { actor, input: { ...body, subjectId: params.id ?? "", recordId: params.recordId ?? "" } })),
});
