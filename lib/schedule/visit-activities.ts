/** The least a stored plan must have for its activities to be looked up. */
interface PlanWithActivities<A extends { kind: string }> {
  visits: ReadonlyArray<{ id: string; activities: ReadonlyArray<A> }>;
}

/**
 * One visit's activities as the plan version carried them — kind plus any `sampleType`,
 * `citation` or label — so a page can show "M18 — integration monitoring, CDE §2.4.1" beside
 * the schedule's bare kinds. Sorted by kind like the schedule's `activities` (plan order within
 * a kind); not deduplicated, since two activities of one kind may differ in their extras.
 *
 * Pass the plan as stored, not a ZPlan parse: zod drops the unknown fields that carry the
 * extras. Undefined when the plan has no such visit.
 */
export function listVisitActivities<A extends { kind: string }>(plan: PlanWithActivities<A>, visitId: string): A[] | undefined {
  // Ids compared trimmed, as ZPlan stores them.
  const visit = plan.visits.find((candidate) => candidate.id.trim() === visitId);
  if (!visit) return undefined;
  return [...visit.activities].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}
