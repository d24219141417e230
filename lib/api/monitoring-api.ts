import { z } from "zod";
import type { Dashboard } from "@/lib/db/dashboard";
import type { QueryRow } from "@/lib/db/queries";
import { QUERY_STATUSES, QUERY_TARGET_TYPES, ZAnswerQuery, ZCloseQuery, ZRaiseQuery, ZReopenQuery } from "@/lib/validation/query";

/** Query and dashboard resources of /api/v1 (CLINICAL-API-CONTRACT "Queries", "Dashboard"). */
export const ZPostQueryBody = ZRaiseQuery;
export const ZPostAnswerBody = ZAnswerQuery;
export const ZPostCloseBody = ZCloseQuery;
export const ZPostReopenBody = ZReopenQuery;

export const ZQueryMessageResource = z.object({
  kind: z.enum(["raise", "answer", "close", "reopen"]),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorRole: z.string(),
  createdAt: z.string(),
});

export const ZQueryResource = z.object({
  id: z.string(),
  subjectId: z.string(),
  studyId: z.string(),
  siteId: z.string(),
  target: z.object({ type: z.enum(QUERY_TARGET_TYPES), id: z.string(), label: z.string() }),
  status: z.enum(QUERY_STATUSES),
  raisedById: z.string(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  messages: z.array(ZQueryMessageResource),
});
export type TQueryResource = z.infer<typeof ZQueryResource>;

export function queryResource(query: QueryRow): TQueryResource {
  return {
    id: query.id,
    subjectId: query.subjectId,
    studyId: query.studyId,
    siteId: query.siteId,
    target: { type: query.targetType as TQueryResource["target"]["type"], id: query.targetId, label: query.targetLabel },
    status: query.status as TQueryResource["status"],
    raisedById: query.raisedById,
    createdAt: query.createdAt.toISOString(),
    answeredAt: query.answeredAt?.toISOString() ?? null,
    closedAt: query.closedAt?.toISOString() ?? null,
    version: query.version,
    messages: query.messages.map((m) => ({ kind: m.kind as TQueryResource["messages"][number]["kind"], text: m.text, authorId: m.authorId, authorName: m.authorName, authorRole: m.authorRole, createdAt: m.createdAt.toISOString() })),
  };
}

const ZCount = z.number().int();
export const ZDashboardResource = z.object({
  asOf: z.string(),
  subjects: z.object({ active: ZCount, completed: ZCount, withdrawn: ZCount, lost_to_follow_up: ZCount, died: ZCount }),
  visits: z.object({ overdue: ZCount, windowOpen: ZCount, dueIn30Days: ZCount, dueIn90Days: ZCount }),
  onTimeRate: z.number().nullable(),
  escalations: z.object({ open: ZCount, overdue: ZCount }),
  queries: z.object({ open: ZCount, answered: ZCount }),
  reconsentDue: ZCount,
  adverseEvents: z.object({ serious: ZCount, malignancies: ZCount }),
  followUp: z.object({ extension: ZCount, nearingEnd: ZCount }),
  sites: z.array(z.object({ siteId: z.string(), code: z.string(), subjects: ZCount, overdue: ZCount, onTimeRate: z.number().nullable() })),
});

export function dashboardResource(dashboard: Dashboard): z.infer<typeof ZDashboardResource> {
  return dashboard;
}
