import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { modelColumns } from "@/lib/db/columns";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { Prisma, type SampleResult } from "@/lib/generated/prisma/client";
import type { ExtensionState } from "@/lib/safety/safety-events";
import { extensionOf, loadProductRules, toResultFacts } from "@/lib/safety-records/apply-safety-rules";
import { scheduleFromStored, toSchedulePlanVersions } from "@/lib/subjects/schedule-rows";
import { PERSISTENCE_RESULT_KINDS } from "@/lib/validation/safety";

type SubjectForExtension = { id: string; studyId: string; dosingDate: Date; status: string; statusDate: Date | null };

/**
 * `extension: { active, since }` of each subject at `asOf`, computed from the data (no stored
 * state, CLINICAL-API-CONTRACT "Safety"): a few queries per call — per study its product rules
 * and plan versions, and one for every subject's persistence and vector-copy-number results.
 * The caller has already scoped the subjects.
 */
export async function listSubjectExtensions(db: Db | Tx, subjects: readonly SubjectForExtension[], asOf: string): Promise<Map<string, ExtensionState>> {
  const extensions = new Map<string, ExtensionState>();
  if (subjects.length === 0) return extensions;
  const studyIds = [...new Set(subjects.map((s) => s.studyId))];
  const [studies, resultRows] = await Promise.all([
    Promise.all(studyIds.map(async (studyId) => ({ studyId, rules: await loadProductRules(db as Tx, studyId), planVersions: toSchedulePlanVersions(await listAppliedPlanVersions(db, { studyId })) }))),
    db.$queryRaw<SampleResult[]>(Prisma.sql`
      SELECT ${modelColumns(Prisma.SampleResultScalarFieldEnum, "r")} FROM "sample_result" r
      WHERE r."subjectId" = ANY(${subjects.map((s) => s.id)}::text[]) AND r."kind" = ANY(${[...PERSISTENCE_RESULT_KINDS]}::text[])
      ORDER BY r."createdAt", r."id"`),
  ]);
  const byStudy = new Map(studies.map((s) => [s.studyId, s]));
  const resultsBySubject = new Map<string, ReturnType<typeof toResultFacts>[]>();
  for (const row of resultRows) {
    const list = resultsBySubject.get(row.subjectId) ?? [];
    list.push(toResultFacts(row));
    resultsBySubject.set(row.subjectId, list);
  }
  for (const subject of subjects) {
    const study = byStudy.get(subject.studyId)!;
    const results = resultsBySubject.get(subject.id) ?? [];
    if (study.planVersions.length === 0 || results.length === 0) {
      extensions.set(subject.id, { active: false, since: null });
      continue;
    }
    const { followUpEnd } = scheduleFromStored({ planVersions: study.planVersions, subject, records: [], asOf });
    extensions.set(subject.id, extensionOf(study.rules, followUpEnd, results, asOf));
  }
  return extensions;
}
