import { escalationResource } from "@/lib/api/safety-api";
import { defineRoute } from "@/lib/auth/route";
import { listEscalations } from "@/lib/db/safety";
import { getSubject } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";

export const GET = defineRoute({
  params: { id: "id" },
  permission: "safety:read",
  handler: async ({ actor, params, db }) => {
    const subject = await getSubject(db, { actor, subjectId: params.id ?? "" });
    if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
    return { escalations: (await listEscalations(db, { actor, subjectId: subject.id })).map(escalationResource) };
  },
});
