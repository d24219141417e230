import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { activatePlanVersion, createPlanVersion } from "@/lib/plans/plan-versions";
import { updateProductMonitoring } from "@/lib/products/monitoring";
import { createProduct } from "@/lib/products/products";
import { recordAdverseEvent, recordSampleResult, resolveEscalation } from "@/lib/safety-records/safety-records";
import { activateConsentVersion, createConsentVersion } from "@/lib/studies/consent-versions";
import { createStudy, setStudyMembers } from "@/lib/studies/studies";
import { enrolSubject } from "@/lib/subjects/subjects";
import { todayCalendarDate } from "@/lib/subjects/today";
import { recordVisit, writeSignature } from "@/lib/subjects/visits";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { defaultFactorsFor } from "@/lib/validation/product";
import type { TRiskProfile } from "@/lib/validation/profile";

const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const AAV_F9: TRiskProfile = {
  platform: "aav",
  exVivo: false,
  route: "intravenous",
  geneEditing: false,
  replicationCompetent: false,
  latency: false,
  integrationEnhanced: false,
  germlineDistribution: false,
  targetTissueAccessible: false,
};

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await getActorByUserId(db, { userId: user.id }))!;
}

/**
 * Safety in the demo program (CDE §2.3.2, §2.4), through the same services as the UI and the
 * API, so every row is audited and every trigger evaluated as in use: the CAR-T product's
 * expected range; persistence and VCN trends; an open dominant-clone escalation with its retest
 * event (SH-01); a resolved suspected-related AE (SH-01); clonal expansion with 3-monthly
 * integration monitoring (BJ-02); and an AAV study whose subject still shows vector after the
 * 5-year period, so follow-up is extended. Once: does nothing when the demo has escalations.
 */
export async function seedDemoSafety(db: Db): Promise<boolean> {
  const product = await db.product.findFirst({ where: { code: "LV-CART19", organization: { name: { startsWith: "Demo" } } }, select: { id: true, organizationId: true } });
  if (!product) return false;
  if (await db.escalation.findFirst({ where: { organizationId: product.organizationId } })) return false;
  const sponsor = await actorFor(db, "sponsor@demo.test");
  const investigator = await actorFor(db, "investigator@demo.test");
  const investigator2 = await actorFor(db, "investigator2@demo.test");
  const monitor = await actorFor(db, "monitor@demo.test");
  const today = todayCalendarDate();

  await updateProductMonitoring(db, { actor: sponsor, productId: product.id, input: { expectedVectorPositivePercentMax: 20, reason: "expected range from the pivotal study (CDE §2.4.1)" } });

  const study = await db.study.findFirstOrThrow({ where: { productId: product.id }, select: { id: true } });
  const active = await db.subject.findMany({ where: { studyId: study.id, status: "active" }, orderBy: { dosingDate: "asc" }, select: { id: true, code: true, siteId: true, dosingDate: true } });
  const atSite = (actor: Actor) => active.filter((s) => actor.siteIds.includes(s.siteId)).map((s) => ({ ...s, dosing: calendarDateFromDb(s.dosingDate) }));
  const sh = atSite(investigator);
  const bj = atSite(investigator2);
  // Subjects dosed long enough ago for a month-6 (and later) sample, oldest first.
  const dosedBefore = (list: typeof sh, days: number) => list.filter((s) => s.dosing <= shift(today, -days));

  // Persistence and VCN trends: yearly samples, VCN falling, still detected.
  for (const subject of [...dosedBefore(sh, 3 * 365).slice(0, 3), ...dosedBefore(bj, 3 * 365).slice(0, 2)]) {
    const actor = sh.includes(subject) ? investigator : investigator2;
    for (let year = 1; year <= 3; year++) {
      const collectedDate = shift(subject.dosing, year * 365);
      await recordSampleResult(db, { actor, subjectId: subject.id, input: { kind: "persistence", collectedDate, sampleType: "peripheral_blood", surrogate: false, assay: "qPCR (WPRE)", detected: true } });
      await recordSampleResult(db, {
        actor,
        subjectId: subject.id,
        input: { kind: "vector_copy_number", collectedDate, sampleType: "peripheral_blood", surrogate: false, assay: "ddPCR", detected: true, value: Math.round((0.9 / year) * 100) / 100, unit: "copies/cell" },
      });
    }
  }

  // Open: a dominant clone at month 6 of a recently dosed SH-01 subject; the retest is due within 3 months.
  const recent = sh.filter((s) => s.dosing <= shift(today, -190)).at(-1);
  if (recent) {
    const collectedDate = shift(recent.dosing, 182);
    await recordSampleResult(db, { actor: investigator, subjectId: recent.id, input: { kind: "vector_positive_percent", collectedDate, sampleType: "peripheral_blood", surrogate: false, assay: "flow cytometry", detected: true, value: 24, unit: "%" } });
    await recordSampleResult(db, {
      actor: investigator,
      subjectId: recent.id,
      input: { kind: "integration_site_analysis", collectedDate, sampleType: "peripheral_blood", surrogate: false, assay: "LAM-PCR + NGS", detected: true, value: 0.8, unit: "copies/cell", dominantClone: true, clonalExpansion: false, nearOncogene: false, largestClonePercent: 31.5 },
    });
  }

  // Resolved: a suspected product-related AE, its causality analysed.
  const older = dosedBefore(sh, 2 * 365)[0];
  if (older) {
    const { opened } = await recordAdverseEvent(db, {
      actor: investigator,
      subjectId: older.id,
      input: { term: "Peripheral sensory neuropathy", onsetDate: shift(older.dosing, 500), serious: false, seriousnessCriteria: [], grade: 2, category: "neurological", relatedness: "possible", outcome: "recovering", possibleRcl: false },
    });
    for (const escalation of opened) {
      await resolveEscalation(db, { actor: investigator, escalationId: escalation.id, input: { note: "Causality analysed: nerve conduction study and history point to diabetic neuropathy; unlikely related. Follow-up unchanged." } });
    }
    await recordAdverseEvent(db, {
      actor: investigator,
      subjectId: older.id,
      input: { term: "Herpes zoster", onsetDate: shift(older.dosing, 640), serious: true, seriousnessCriteria: ["hospitalisation"], grade: 3, category: "infection", relatedness: "unlikely", outcome: "recovered", possibleRcl: false },
    });
  }

  // Open at BJ-02: clonal expansion with a site near an oncogene; integration monitoring at most every 3 months.
  const expanding = dosedBefore(bj, 400).at(-1);
  if (expanding) {
    await recordSampleResult(db, {
      actor: investigator2,
      subjectId: expanding.id,
      input: { kind: "clonality", collectedDate: shift(today, -40), sampleType: "peripheral_blood", surrogate: false, assay: "TCR-Vβ + ISA", detected: true, clonalExpansion: true, nearOncogene: true, largestClonePercent: 18 },
    });
  }

  // Extension: an AAV product (5 years or until no risk, CDE §2.2.3) whose subject still shows vector after the period.
  const aav = await createProduct(db, { actor: sponsor, input: { name: "AAV5-FIX (haemophilia B)", code: "AAV-F9", modality: "in_vivo_gene_therapy", profile: AAV_F9, factors: defaultFactorsFor(AAV_F9) } });
  const sites = await db.site.findMany({ where: { organizationId: sponsor.organizationId }, select: { id: true } });
  const aavStudy = await createStudy(db, { actor: sponsor, input: { productId: aav.product.id, protocolNumber: "F9-AAV-LTFU-01", title: "5-year follow-up of AAV5-FIX recipients", phase: "ltfu_only", ruleSet: "CDE-2021", siteIds: sites.map((s) => s.id) } });
  await setStudyMembers(db, { actor: sponsor, input: { studyId: aavStudy.id, userIds: [investigator.id, investigator2.id, monitor.id], reason: "demo study team" } });
  const plan = await createPlanVersion(db, { actor: sponsor, input: { studyId: aavStudy.id, source: "suggested" } });
  await activatePlanVersion(db, { actor: sponsor, input: { id: plan.id, effectiveDate: shift(today, -8 * 365), reason: "initial LTFU plan" } });
  const icf = await createConsentVersion(db, { actor: sponsor, input: { studyId: aavStudy.id, title: "LTFU informed consent v1", checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) } });
  await activateConsentVersion(db, { actor: sponsor, input: { id: icf.id, effectiveDate: shift(today, -8 * 365), reason: "initial consent" } });
  const siteOf = (actor: Actor) => actor.siteIds[0]!;
  for (const [n, persistsAtEnd] of [true, false].entries()) {
    const dosingDate = shift(today, -(6 * 365 + 40 + n * 30));
    const subject = await enrolSubject(db, {
      actor: investigator,
      input: { studyId: aavStudy.id, siteId: siteOf(investigator), code: `SH01-F9${String(n + 1).padStart(2, "0")}`, yearOfBirth: 1975 + n, sex: "male", dosingDate, lot: `AAV-${dosingDate.slice(0, 4)}-0${n + 1}`, consentVersion: 1, consentDate: shift(dosingDate, -14), confounders: { lifeExpectancy: "normal" } },
    });
    // The annual visits of the 5-year plan were held and signed (a study whose every visit is
    // years overdue is not one a monitor would let stand); only the extension's visit is open.
    const signer = await db.user.findUniqueOrThrow({ where: { id: investigator.id }, select: { name: true, email: true } });
    const planned = await db.scheduledVisit.findMany({ where: { subjectId: subject.id, source: "plan" }, orderBy: { targetDate: "asc" } });
    for (const row of planned.filter((r) => calendarDateFromDb(r.windowEnd) < today)) {
      const record = await recordVisit(db, {
        actor: investigator,
        input: { subjectId: subject.id, unscheduled: false, visitId: row.visitId, planVersion: row.planVersion!, status: "completed", date: shift(calendarDateFromDb(row.targetDate), 3 - 2 * n), contactMode: row.contactMode as "clinic", assessments: { history: true, drugExposure: "none", newOrWorsenedDisease: [], physicalExam: true, labs: true, pregnancy: "not_applicable" } },
      });
      await writeSignature(db, { actor: investigator, subjectId: subject.id, recordId: record.id, meaning: "reviewed_and_approved", signer });
    }
    // Newest first: entering history oldest first would, at each save after the period end, read
    // the latest result entered so far as the latest there is (the trigger reads what is known).
    if (persistsAtEnd) {
      await recordSampleResult(db, { actor: investigator, subjectId: subject.id, input: { kind: "persistence", collectedDate: shift(dosingDate, 5 * 365 + 120), sampleType: "plasma", surrogate: true, assay: "qPCR (vector genomes)", detected: true, value: 9.5, unit: "vg/µg DNA" } });
    }
    for (let year = 5; year >= 1; year--) {
      const detected = persistsAtEnd || year < 5;
      await recordSampleResult(db, {
        actor: investigator,
        subjectId: subject.id,
        input: { kind: "vector_copy_number", collectedDate: shift(dosingDate, year * 365 - 20), sampleType: "plasma", surrogate: true, assay: "qPCR (vector genomes)", detected, value: detected ? Math.round((120 / year) * 10) / 10 : null, unit: "vg/µg DNA" },
      });
    }
  }
  return true;
}
