import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { ZDashboardResource, ZPostAnswerBody, ZPostCloseBody, ZPostQueryBody, ZPostReopenBody, ZQueryResource } from "@/lib/api/monitoring-api";

const query = "/api/v1/queries/{id}";

/** Queries (data clarification) and the dashboard (CLINICAL-API-CONTRACT.md). */
export const monitoringOperations: ApiOperation[] = [
  {
    method: "post",
    path: "/api/v1/queries",
    summary: "Raise a query on a subject, a recorded visit (target.id: the visit record id; a visit only planned is 404), an adverse event or a sample result (a monitor of the study)",
    permission: "query:raise",
    body: ZPostQueryBody,
    success: { status: 201, description: "the open query", schema: ZQueryResource },
    errors: [400, 404],
  },
  { method: "get", path: query, summary: "One query with its messages", permission: "query:read", success: { status: 200, description: "the query", schema: ZQueryResource }, errors: [404] },
  {
    method: "post",
    path: `${query}/answer`,
    summary: "Answer an open query (an investigator of the subject's site) → answered",
    permission: "query:answer",
    body: ZPostAnswerBody,
    success: { status: 200, description: "the answered query", schema: ZQueryResource },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: `${query}/close`,
    summary: "Close an answered query (a monitor) → closed",
    permission: "query:close",
    body: ZPostCloseBody,
    success: { status: 200, description: "the closed query", schema: ZQueryResource },
    errors: [400, 404, 409],
  },
  {
    method: "post",
    path: `${query}/reopen`,
    summary: "Reopen a closed query with a new message (a monitor) → open",
    permission: "query:close",
    body: ZPostReopenBody,
    success: { status: 200, description: "the reopened query", schema: ZQueryResource },
    errors: [400, 404, 409],
  },
  {
    method: "get",
    path: "/api/v1/studies/{studyId}/queries",
    summary: "A study's queries in the caller's scope; ?status=open|answered|closed",
    permission: "query:read",
    success: { status: 200, description: "queries", schema: z.object({ queries: z.array(ZQueryResource) }) },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/api/v1/studies/{studyId}/dashboard",
    summary: "The monitoring dashboard at ?asOf= over the subjects in the caller's scope (an investigator: its sites)",
    permission: "dashboard:read",
    success: { status: 200, description: "the dashboard", schema: ZDashboardResource },
    errors: [400, 404],
  },
];
