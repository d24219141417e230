import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { ZActivatePlanVersionBody, ZPlanVersionResource, ZPostPlanVersionBody, ZPutPlanVersionBody, ZValidatePlanBody } from "@/lib/api/plans-api";
import { ZPlan } from "@/lib/validation/plan";

const base = "/api/v1/studies/{studyId}/plan-versions";
const ZViolationDoc = z.object({ code: z.string(), citation: z.string(), message: z.string() }).loose();
const ZValidationDoc = z.object({ valid: z.boolean(), ruleSet: z.string(), violations: z.array(ZViolationDoc) });

export const planOperations: ApiOperation[] = [
  { method: "get", path: base, summary: "The study's LTFU plan versions (CDE §2.3.2)", permission: "plan:read", success: { status: 200, description: "versions", schema: z.object({ planVersions: z.array(ZPlanVersionResource) }) }, errors: [404] },
  { method: "post", path: base, summary: "Create a draft: the engine's suggestion, or a copy of the latest version to amend", permission: "plan:manage", body: ZPostPlanVersionBody, success: { status: 201, description: "the draft", schema: ZPlanVersionResource }, errors: [400, 404, 409, 422] },
  { method: "get", path: `${base}/suggest`, summary: "The engine's suggested plan for the product's current risk profile", permission: "plan:read", success: { status: 200, description: "derivation and plan", schema: z.object({ riskProfileVersion: z.number().int(), derivation: z.object({}).loose(), plan: ZPlan }) }, errors: [404] },
  { method: "post", path: `${base}/validate`, summary: "Validate a plan against the product's current derivation (ltfu-validate)", permission: "plan:read", body: ZValidatePlanBody, success: { status: 200, description: "validation", schema: ZValidationDoc }, errors: [400, 404] },
  { method: "get", path: `${base}/{version}`, summary: "One plan version", permission: "plan:read", success: { status: 200, description: "the version", schema: ZPlanVersionResource }, errors: [404] },
  { method: "put", path: `${base}/{version}`, summary: "Replace a draft's plan, justifications and duration-override justification", permission: "plan:manage", body: ZPutPlanVersionBody, success: { status: 200, description: "the draft", schema: ZPlanVersionResource }, errors: [400, 404, 422] },
  {
    method: "post",
    path: `${base}/{version}/activate`,
    summary: "Activate a draft from an effective date (amendment); refused while a violation lacks its justification",
    permission: "plan:manage",
    body: ZActivatePlanVersionBody,
    success: { status: 200, description: "the active version", schema: ZPlanVersionResource.extend({ supersededVersion: z.number().int().nullable() }) },
    errors: [400, 404, 422],
  },
];
