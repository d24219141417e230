import "server-only";
import type { Db } from "@/lib/db/client";
import { applySafetyRules } from "@/lib/safety-records/apply-safety-rules";
import { PERSISTENCE_RESULT_KINDS } from "@/lib/validation/safety";

const SYSTEM = { system: "safety-sweep" } as const;

/**
 * The daily sweep of CLINICAL-API-CONTRACT "Safety": re-evaluates the triggers of every active
 * subject whose data can change with the date alone — a detected persistence or VCN result (the
 * planned period may have ended since: `persistence_at_period_end`, extension events) or an
 * open escalation that adds events (their horizon moves with the date). One transaction per
 * subject, audited as the system; returns how many subjects were evaluated and escalations opened.
 */
export async function runSafetySweep(db: Db, options: { asOf: string }): Promise<{ subjects: number; opened: number }> {
  const subjects = await db.subject.findMany({
    where: {
      status: "active",
      OR: [
        { id: { in: (await db.sampleResult.findMany({ where: { detected: true, kind: { in: [...PERSISTENCE_RESULT_KINDS] } }, distinct: ["subjectId"], select: { subjectId: true } })).map((r) => r.subjectId) } },
        { id: { in: (await db.escalation.findMany({ where: { status: "open", trigger: { in: ["dominant_clone", "clonal_expansion_or_oncogene_site", "persistence_at_period_end"] } }, distinct: ["subjectId"], select: { subjectId: true } })).map((r) => r.subjectId) } },
      ],
    },
    select: { id: true, organizationId: true, studyId: true, siteId: true, dosingDate: true, status: true, statusDate: true },
  });
  let opened = 0;
  for (const subject of subjects) {
    const result = await db.$transaction((tx) => applySafetyRules(tx, { actor: SYSTEM, subject, asOf: options.asOf }));
    opened += result.opened.length;
  }
  return { subjects: subjects.length, opened };
}
