import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import {
  ZPatchVisitBody,
  ZPostConsentBody,
  ZPostSignatureBody,
  ZPostStatusBody,
  ZPostSubjectBody,
  ZPostVisitBody,
  ZScheduleResource,
  ZSubjectResource,
  ZVisitResource,
} from "@/lib/api/subjects-api";

const subject = "/api/v1/subjects/{id}";
const visit = `${subject}/visits/{recordId}`;
const ZSite = z.object({ id: z.string(), code: z.string(), name: z.string(), country: z.string() });
const ZUser = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["SPONSOR_ADMIN", "INVESTIGATOR", "MONITOR"]), siteIds: z.array(z.string()), disabled: z.boolean() });

/** Directory, subjects, schedules, visits and signatures (CLINICAL-API-CONTRACT.md). */
export const subjectOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/sites", summary: "Sites (an investigator's own)", permission: "site:read", success: { status: 200, description: "sites", schema: z.object({ sites: z.array(ZSite) }) } },
  { method: "get", path: "/api/v1/users", summary: "Users of the organisation", permission: "user:read", success: { status: 200, description: "users", schema: z.object({ users: z.array(ZUser) }) } },
  { method: "get", path: "/api/v1/studies/{studyId}/subjects", summary: "A study's subjects in the caller's scope", permission: "subject:read", success: { status: 200, description: "subjects", schema: z.object({ subjects: z.array(ZSubjectResource) }) }, errors: [404] },
  {
    method: "post",
    path: "/api/v1/studies/{studyId}/subjects",
    summary: "Enrol a subject (CDE §2.2.2, §2.3.1, §3): an investigator of the site; needs the active plan and consent version",
    permission: "subject:enrol",
    body: ZPostSubjectBody,
    success: { status: 201, description: "the subject", schema: ZSubjectResource },
    errors: [400, 404, 409, 422],
  },
  { method: "get", path: subject, summary: "One subject", permission: "subject:read", success: { status: 200, description: "the subject", schema: ZSubjectResource }, errors: [404] },
  { method: "post", path: `${subject}/consents`, summary: "Record re-consent on the active consent version (CDE §2.3.1)", permission: "subject:manage", body: ZPostConsentBody, success: { status: 201, description: "the subject", schema: ZSubjectResource }, errors: [400, 404, 409, 422] },
  {
    method: "post",
    path: `${subject}/status`,
    summary: "Withdrawn, lost to follow-up (three contact attempts), died or completed: closes the schedule after the date",
    permission: "subject:manage",
    body: ZPostStatusBody,
    success: { status: 200, description: "the subject", schema: ZSubjectResource },
    errors: [400, 404, 409],
  },
  { method: "get", path: `${subject}/schedule`, summary: "The subject's schedule at ?asOf= (SCHEDULE-CONTRACT output, with recordId and source)", permission: "visit:read", success: { status: 200, description: "the schedule", schema: ZScheduleResource }, errors: [400, 404] },
  { method: "get", path: `${subject}/visits`, summary: "The subject's visit records", permission: "visit:read", success: { status: 200, description: "visit records", schema: z.object({ visits: z.array(ZVisitResource) }) }, errors: [404] },
  {
    method: "post",
    path: `${subject}/visits`,
    summary: "Record a visit: completed with assessments, missed with a reason, or unscheduled",
    permission: "visit:record",
    body: ZPostVisitBody,
    success: { status: 201, description: "the visit record", schema: ZVisitResource },
    errors: [400, 404, 409, 422],
  },
  { method: "get", path: visit, summary: "One visit record with its signature", permission: "visit:read", success: { status: 200, description: "the visit record", schema: ZVisitResource }, errors: [404] },
  {
    method: "patch",
    path: visit,
    summary: "Correct a visit record: the version read and a reason; voids a valid signature",
    permission: "visit:record",
    body: ZPatchVisitBody,
    success: { status: 200, description: "the visit record", schema: ZVisitResource },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: `${visit}/signature`,
    summary: "Sign a visit record by re-entering the password (21 CFR 11.50, 11.70, 11.200)",
    permission: "visit:sign",
    body: ZPostSignatureBody,
    success: { status: 201, description: "the signed visit record", schema: ZVisitResource },
    errors: [400, 404, 409],
  },
];
