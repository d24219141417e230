import { adverseEventResource, escalationResource } from "@/lib/api/safety-api";
import { defineRoute } from "@/lib/auth/route";
import { getAdverseEvent } from "@/lib/db/safety";
import { AppError } from "@/lib/errors";
import { updateAdverseEvent } from "@/lib/safety-records/safety-records";
import { ZAdverseEventUpdate } from "@/lib/validation/safety";

export const GET = defineRoute({
  params: { id: "id", aeId: "id" },
  permission: "safety:read",
  handler: async ({ actor, params, db }) => {
    const row = await getAdverseEvent(db, { actor, subjectId: params.id ?? "", adverseEventId: params.aeId ?? "" });
    if (!row) throw new AppError("not_found", "No such adverse event.", undefined, { key: "refusal.noSuchAdverseEvent" });
    return adverseEventResource(row);
  },
});

export const PATCH = defineRoute({
  params: { id: "id", aeId: "id" },
  permission: "safety:record",
  body: ZAdverseEventUpdate,
  handler: async ({ actor, body, params, db }) => {
    const { adverseEvent, opened } = await updateAdverseEvent(db, { actor, subjectId: params.id ?? "", adverseEventId: params.aeId ?? "", input: body });
    return { ...adverseEventResource(adverseEvent), escalations: opened.map(escalationResource) };
  },
});
