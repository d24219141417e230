import { ZPutStudySitesBody } from "@/lib/api/studies-api";
import { defineRoute } from "@/lib/auth/route";
import { setStudySites } from "@/lib/studies/studies";

export const PUT = defineRoute({
  permission: "study:manage",
  body: ZPutStudySitesBody,
  handler: async ({ actor, body, params, db }) => ({ siteIds: await setStudySites(db, { actor, input: { ...body, studyId: params.studyId ?? "" } }) }),
});
