import { adverseEventResource, escalationResource } from "@/lib/api/safety-api";
import { defineRoute } from "@/lib/auth/route";
import { listAdverseEvents } from "@/lib/db/safety";
import { getSubject } from "@/lib/db/subjects";
import { AppError } from "@/lib/errors";
import { recordAdverseEvent } from "@/lib/safety-records/safety-records";
import { ZAdverseEventInput } from "@/lib/validation/safety";

export const GET = defineRoute({
  params: { id: "id" },
  permission: "safety:read",
  handler: async ({ actor, params, db }) => {
    const subject = await getSubject(db, { actor, subjectId: params.id ?? "" });
    if (!subject) throw new AppError("not_found", "No such subject.", undefined, { key: "refusal.noSuchSubject" });
    return { adverseEvents: (await listAdverseEvents(db, { actor, subjectId: subject.id })).map(adverseEventResource) };
  },
});

export const POST = defineRoute({
  params: { id: "id" },
  permission: "safety:record",
  body: ZAdverseEventInput,
  status: 201,
  handler: async ({ actor, body, params, db }) => {
    const { adverseEvent, opened } = await recordAdverseEvent(db, { actor, subjectId: params.id ?? "", input: body });
    return { ...adverseEventResource(adverseEvent), escalations: opened.map(escalationResource) };
  },
});
