import { enrolSubjectAction, recordVisitAction } from "@/app/(app)/subjects/actions";
import { POST as postSubject } from "@/app/api/v1/studies/[studyId]/subjects/route";
import { POST as postConsent } from "@/app/api/v1/subjects/[id]/consents/route";
import { POST as postStatus } from "@/app/api/v1/subjects/[id]/status/route";
import { POST as postVisit } from "@/app/api/v1/subjects/[id]/visits/route";
import { PATCH as patchVisit } from "@/app/api/v1/subjects/[id]/visits/[recordId]/route";
import { POST as postSignature } from "@/app/api/v1/subjects/[id]/visits/[recordId]/signature/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import type { WriteRoute } from "./hardening-fixtures";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, unwrap } from "./site-work-fixtures";

type Handler = WriteRoute["handler"];

/**
 * The site-work write routes of /api/v1 with valid bodies, called with the site-1 investigator's
 * token (the sponsor may not enrol nor record): an enrolled subject with one recorded visit.
 */
export async function createSiteWorkRoutes(): Promise<WriteRoute[]> {
  const fx = await createSiteWorkFixture();
  const { token } = await createApiToken(getDb(), { actor: fx.investigator, name: "fuzz site work" });
  const { studyId } = fx;
  const id = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "FUZZ-001" }))).id;
  const recordId = unwrap(await recordVisitAction.run(fx.investigator, { subjectId: id, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS })).id;
  const enrolment: Partial<ReturnType<typeof enrolmentInput>> = enrolmentInput(fx, { code: "FUZZ-002" });
  delete enrolment.studyId;
  return [
    { name: "POST /studies/{id}/subjects", method: "POST", path: `/api/v1/studies/${studyId}/subjects`, params: { studyId }, handler: postSubject as Handler, body: enrolment, token },
    { name: "POST /subjects/{id}/consents", method: "POST", path: `/api/v1/subjects/${id}/consents`, params: { id }, handler: postConsent as Handler, body: { consentVersion: 1, consentDate: "2024-03-01" }, token },
    { name: "POST /subjects/{id}/status", method: "POST", path: `/api/v1/subjects/${id}/status`, params: { id }, handler: postStatus as Handler, body: { status: "withdrawn", date: "2024-09-01", reason: "moved abroad", version: 1 }, token },
    { name: "POST /subjects/{id}/visits", method: "POST", path: `/api/v1/subjects/${id}/visits`, params: { id }, handler: postVisit as Handler, body: { unscheduled: true, status: "completed", date: "2024-05-02", contactMode: "clinic", assessments: { ...COMPLETED_ASSESSMENTS, newOrWorsenedDisease: [{ category: "malignancy" }] }, reason: "fever" }, token },
    { name: "PATCH /subjects/{id}/visits/{recordId}", method: "PATCH", path: `/api/v1/subjects/${id}/visits/${recordId}`, params: { id, recordId }, handler: patchVisit as Handler, body: { version: 1, reason: "date typed wrong", date: "2024-08-28" }, token },
    { name: "POST /subjects/{id}/visits/{recordId}/signature", method: "POST", path: `/api/v1/subjects/${id}/visits/${recordId}/signature`, params: { id, recordId }, handler: postSignature as Handler, body: { password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }, token },
  ];
}
