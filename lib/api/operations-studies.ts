import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import {
  ZActivateConsentVersionBody,
  ZConsentVersionResource,
  ZPatchConsentVersionBody,
  ZPostConsentVersionBody,
  ZPutStudyMembersBody,
  ZPutStudySitesBody,
  ZStudyResource,
} from "@/lib/api/studies-api";
import { ZCreateStudy } from "@/lib/validation/study";

const study = "/api/v1/studies/{studyId}";
const consent = `${study}/consent-versions`;

export const studyOperations: ApiOperation[] = [
  { method: "get", path: "/api/v1/studies", summary: "Studies visible to the caller", permission: "study:read", success: { status: 200, description: "studies", schema: z.object({ studies: z.array(ZStudyResource.omit({ siteIds: true, memberIds: true })) }) } },
  { method: "post", path: "/api/v1/studies", summary: "Create a study of a product, with its sites", permission: "study:manage", body: ZCreateStudy, success: { status: 201, description: "created", schema: z.object({ id: z.string() }) }, errors: [400, 409] },
  { method: "get", path: study, summary: "One study", permission: "study:read", success: { status: 200, description: "the study", schema: ZStudyResource }, errors: [404] },
  { method: "put", path: `${study}/sites`, summary: "Replace the study's sites", permission: "study:manage", body: ZPutStudySitesBody, success: { status: 200, description: "site ids", schema: z.object({ siteIds: z.array(z.string()) }) }, errors: [400, 404] },
  { method: "put", path: `${study}/members`, summary: "Replace the study's investigators and monitors", permission: "study:manage", body: ZPutStudyMembersBody, success: { status: 200, description: "member ids", schema: z.object({ userIds: z.array(z.string()) }) }, errors: [400, 404] },
  { method: "get", path: consent, summary: "Consent document versions (CDE §2.3.1)", permission: "consent:read", success: { status: 200, description: "versions", schema: z.object({ consentVersions: z.array(ZConsentVersionResource) }) }, errors: [404] },
  { method: "post", path: consent, summary: "Create a draft consent version", permission: "consent:manage", body: ZPostConsentVersionBody, success: { status: 201, description: "the draft", schema: ZConsentVersionResource }, errors: [400, 404] },
  { method: "patch", path: `${consent}/{versionId}`, summary: "Confirm checklist items of a draft", permission: "consent:manage", body: ZPatchConsentVersionBody, success: { status: 200, description: "the draft", schema: ZConsentVersionResource }, errors: [400, 404, 422] },
  {
    method: "post",
    path: `${consent}/{versionId}/activate`,
    summary: "Activate a draft whose checklist is complete; supersedes the active version and makes re-consent due",
    permission: "consent:manage",
    body: ZActivateConsentVersionBody,
    success: { status: 200, description: "the active version", schema: ZConsentVersionResource.extend({ reconsentRequired: z.boolean() }) },
    errors: [400, 404, 422],
  },
];
