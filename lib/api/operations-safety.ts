import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { ZAdverseEventResource, ZEscalationResource, ZSampleResultResource } from "@/lib/api/safety-api";
import { ZAdverseEventInput, ZAdverseEventUpdate, ZResolveEscalation, ZSampleResultInput, ZUpdateProductMonitoring } from "@/lib/validation/safety";

const subject = "/api/v1/subjects/{id}";
const ZOpened = z.array(ZEscalationResource);

/** Adverse events, sample results, escalations (CLINICAL-API-CONTRACT "Safety"; CDE §2.3.2, §2.4.1, §2.4.2). */
export const safetyOperations: ApiOperation[] = [
  { method: "get", path: `${subject}/adverse-events`, summary: "A subject's adverse events", permission: "safety:read", success: { status: 200, description: "adverse events", schema: z.object({ adverseEvents: z.array(ZAdverseEventResource) }) }, errors: [404] },
  {
    method: "post",
    path: `${subject}/adverse-events`,
    summary: "Record an adverse event (an investigator of the site); returns the escalations it opened. onsetDate before dosing or after today: 400",
    permission: "safety:record",
    body: ZAdverseEventInput,
    success: { status: 201, description: "recorded", schema: ZAdverseEventResource.extend({ escalations: ZOpened }) },
    errors: [400, 404],
  },
  { method: "get", path: `${subject}/adverse-events/{aeId}`, summary: "One adverse event", permission: "safety:read", success: { status: 200, description: "the adverse event", schema: ZAdverseEventResource }, errors: [404] },
  {
    method: "patch",
    path: `${subject}/adverse-events/{aeId}`,
    summary: "Update an adverse event with the version read and a reason (audited); a stale version: 409",
    permission: "safety:record",
    body: ZAdverseEventUpdate,
    success: { status: 200, description: "updated", schema: ZAdverseEventResource.extend({ escalations: ZOpened }) },
    errors: [400, 404, 409],
  },
  { method: "get", path: `${subject}/sample-results`, summary: "A subject's sample results", permission: "safety:read", success: { status: 200, description: "sample results", schema: z.object({ sampleResults: z.array(ZSampleResultResource) }) }, errors: [404] },
  {
    method: "post",
    path: `${subject}/sample-results`,
    summary: "Record a sample result (an investigator of the site); returns the escalations it opened. collectedDate before dosing or after today: 400",
    permission: "safety:record",
    body: ZSampleResultInput,
    success: { status: 201, description: "recorded", schema: ZSampleResultResource.extend({ escalations: ZOpened }) },
    errors: [400, 404],
  },
  { method: "get", path: `${subject}/escalations`, summary: "A subject's escalations with trigger, action, clause and deadline", permission: "safety:read", success: { status: 200, description: "escalations", schema: z.object({ escalations: z.array(ZEscalationResource) }) }, errors: [404] },
  {
    method: "post",
    path: "/api/v1/escalations/{id}/resolve",
    summary: "Resolve an escalation with a note (an investigator of the subject's site); already resolved: 409",
    permission: "escalation:resolve",
    body: ZResolveEscalation,
    success: { status: 200, description: "resolved", schema: ZEscalationResource },
    errors: [400, 404, 409],
  },
  {
    method: "patch",
    path: "/api/v1/products/{id}/monitoring",
    summary: "Change the product's expected maximum of vector-positive cells (monitoring.expectedVectorPositivePercentMax), with a reason (audited)",
    permission: "product:manage",
    body: ZUpdateProductMonitoring,
    success: { status: 200, description: "the product's monitoring settings", schema: z.object({ id: z.string(), monitoring: z.object({ expectedVectorPositivePercentMax: z.number().nullable() }) }) },
    errors: [400, 404],
  },
];
