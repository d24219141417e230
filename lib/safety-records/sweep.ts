import "server-only";
import type { Db } from "@/lib/db/client";
import { applySafetyRulesToMany, type SafetySubject } from "@/lib/safety-records/apply-safety-rules";
import { PERSISTENCE_RESULT_KINDS } from "@/lib/validation/safety";

const SYSTEM = { system: "safety-sweep" } as const;

/** Subjects per chunk: one transaction, a fixed number of queries (ids as one array parameter). */
export const SWEEP_CHUNK = 1_000;

const SWEPT_TRIGGERS = ["dominant_clone", "clonal_expansion_or_oncogene_site", "persistence_at_period_end"];

/**
 * The daily sweep of CLINICAL-API-CONTRACT "Safety": re-evaluates the triggers of every active
 * subject whose data can change with the date alone — a detected persistence or VCN result (the
 * planned period may have ended since: `persistence_at_period_end`, extension events) or an
 * open escalation that adds events (their horizon moves with the date).
 *
 * Set-based and chunked, so that it holds at 10^5 subjects: the subjects are selected in the
 * database (EXISTS, no id list sent), `chunk` at a time in id order (keyset), and each chunk is
 * evaluated in one transaction by `applySafetyRulesToMany`, audited as the system. A chunk's
 * failure leaves the earlier chunks applied (each evaluation is complete for its subjects) and
 * is thrown. Returns how many subjects were evaluated and escalations opened.
 */
export async function runSafetySweep(db: Db, options: { asOf: string; chunk?: number }): Promise<{ subjects: number; opened: number; chunks: number }> {
  const chunk = options.chunk ?? SWEEP_CHUNK;
  const kinds = [...PERSISTENCE_RESULT_KINDS];
  let after = "";
  let subjects = 0;
  let opened = 0;
  let chunks = 0;
  for (;;) {
    const rows = await db.$queryRaw<SafetySubject[]>`
      SELECT s."id", s."organizationId", s."studyId", s."siteId", s."dosingDate", s."status", s."statusDate"
      FROM "subject" s
      WHERE s."status" = 'active' AND s."id" > ${after}
        AND (EXISTS (SELECT 1 FROM "sample_result" r WHERE r."subjectId" = s."id" AND r."detected" AND r."kind" = ANY(${kinds}::text[]))
          OR EXISTS (SELECT 1 FROM "escalation" e WHERE e."subjectId" = s."id" AND e."status" = 'open' AND e."trigger" = ANY(${SWEPT_TRIGGERS}::text[])))
      ORDER BY s."id"
      LIMIT ${chunk}`;
    if (rows.length === 0) break;
    const outcomes = await db.$transaction((tx) => applySafetyRulesToMany(tx, { actor: SYSTEM, subjects: rows, asOf: options.asOf }), { timeout: 120_000, maxWait: 30_000 });
    for (const outcome of outcomes.values()) opened += outcome.opened.length;
    subjects += rows.length;
    chunks++;
    after = rows.at(-1)!.id;
    if (rows.length < chunk) break;
  }
  return { subjects, opened, chunks };
}
