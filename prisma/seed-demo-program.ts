import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { activatePlanVersion, createPlanVersion, updatePlanDraft } from "@/lib/plans/plan-versions";
import { createProduct } from "@/lib/products/products";
import { activateConsentVersion, createConsentVersion } from "@/lib/studies/consent-versions";
import { createStudy, setStudyMembers } from "@/lib/studies/studies";
import { changeSubjectStatus, enrolSubject, recordConsent } from "@/lib/subjects/subjects";
import { todayCalendarDate } from "@/lib/subjects/today";
import { verifyPassword } from "@/lib/auth/password";
import { recordVisit, writeSignature } from "@/lib/subjects/visits";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import type { TRiskProfile } from "@/lib/validation/profile";
import type { TAssessments } from "@/lib/validation/visit";
import { DEMO_PASSWORD } from "@/prisma/demo-accounts";

const LENTI_CAR_T: TRiskProfile = {
  platform: "lentivirus",
  exVivo: true,
  route: "intravenous",
  geneEditing: false,
  replicationCompetent: false,
  latency: false,
  integrationEnhanced: false,
  germlineDistribution: false,
  targetTissueAccessible: true,
};

const ASSESSMENTS: TAssessments = { history: true, drugExposure: "none", newOrWorsenedDisease: [], physicalExam: true, labs: true, pregnancy: "not_applicable" };
const DAY = 86_400_000;

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** A small deterministic generator, so every fresh demo database tells the same story. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await getActorByUserId(db, { userId: user.id }))!;
}

/**
 * The demo program, through the same services as the UI (so every row is audited): a
 * lentiviral CAR-T product and its study on SH-01 and BJ-02, an active plan (amended once)
 * and consent (a second version, re-consent mostly recorded), and 40 subjects dosed over the
 * past six years in every state. Dates are relative to today, so the worklist is never empty.
 */
export async function seedDemoProgram(db: Db): Promise<boolean> {
  if (await db.product.findFirst({ where: { code: "LV-CART19", organization: { name: { startsWith: "Demo" } } } })) return false;
  const sponsor = await actorFor(db, "sponsor@demo.test");
  const investigators = [await actorFor(db, "investigator@demo.test"), await actorFor(db, "investigator2@demo.test")];
  const monitor = await actorFor(db, "monitor@demo.test");
  const today = todayCalendarDate();
  const sites = await db.site.findMany({ where: { organizationId: sponsor.organizationId }, orderBy: { code: "desc" } });
  const siteOf = (actor: Actor) => actor.siteIds[0]!;

  const product = await createProduct(db, { actor: sponsor, input: { name: "CD19 CAR-T (lentiviral)", code: "LV-CART19", modality: "car_t", monitoring: { expectedVectorPositivePercentMax: null }, profile: LENTI_CAR_T, factors: defaultFactorsFor(LENTI_CAR_T) } });
  const study = await createStudy(db, {
    actor: sponsor,
    input: { productId: product.product.id, protocolNumber: "CART19-LTFU-01", title: "15-year follow-up of CD19 CAR-T recipients", phase: "ltfu_only", ruleSet: "CDE-2021", siteIds: sites.map((s) => s.id) },
  });
  await setStudyMembers(db, { actor: sponsor, input: { studyId: study.id, userIds: [...investigators.map((a) => a.id), monitor.id], reason: "demo study team" } });
  const v1 = await createPlanVersion(db, { actor: sponsor, input: { studyId: study.id, source: "suggested" } });
  await activatePlanVersion(db, { actor: sponsor, input: { id: v1.id, effectiveDate: shift(today, -7 * 365), reason: "initial LTFU plan" } });
  const icf1 = await createConsentVersion(db, { actor: sponsor, input: { studyId: study.id, title: "LTFU informed consent v1", checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) } });
  await activateConsentVersion(db, { actor: sponsor, input: { id: icf1.id, effectiveDate: shift(today, -7 * 365), reason: "initial consent" } });

  const rand = random(20261126);
  const subjects: Array<{ id: string; actor: Actor; dosingDate: string }> = [];
  for (let i = 0; i < 40; i++) {
    const actor = investigators[i % 2]!;
    const dosingDate = shift(today, -Math.round(20 + (i * 6 * 365) / 40 + rand() * 20));
    const code = `${actor === investigators[0] ? "SH01" : "BJ02"}-${String(Math.floor(i / 2) + 1).padStart(3, "0")}`;
    const subject = await enrolSubject(db, {
      actor,
      input: {
        studyId: study.id,
        siteId: siteOf(actor),
        code,
        yearOfBirth: 1950 + Math.floor(rand() * 50),
        sex: rand() < 0.5 ? "female" : "male",
        dosingDate,
        lot: `LV-${dosingDate.slice(0, 4)}-${String(100 + i).padStart(3, "0")}`,
        consentVersion: 1,
        consentDate: shift(dosingDate, -20),
        confounders: { lifeExpectancy: i % 9 === 0 ? "reduced" : "normal", comorbidities: i % 5 === 0 ? "type 2 diabetes" : "none", priorTherapies: "R-CHOP ×6; autologous transplant" },
      },
    });
    subjects.push({ id: subject.id, actor, dosingDate });
  }

  // Amendment (CDE §2.3.2), effective a year ago: annual visits after year 5 become phone
  // contacts with wider windows; an extra month-9 clinic visit. Recorded visits keep v1.
  const v2 = await createPlanVersion(db, { actor: sponsor, input: { studyId: study.id, source: "copy_latest" } });
  const plan = ZPlan.parse(v2.plan);
  const m06 = plan.visits.find((v) => v.id === "M06")!;
  const amended = {
    ...plan,
    visits: [...plan.visits.map((v) => (v.offsetMonths > 60 ? { ...v, contactMode: "phone" as const, windowDaysBefore: 45, windowDaysAfter: 45 } : v)), { ...m06, id: "M09", offsetMonths: 9 }].sort((a, b) => a.offsetMonths - b.offsetMonths),
  };
  await updatePlanDraft(db, { actor: sponsor, input: { id: v2.id, plan: amended, justifications: v2.justifications as Record<string, string>, durationOverrideJustification: v2.durationOverrideJustification ?? undefined } });
  await activatePlanVersion(db, { actor: sponsor, input: { id: v2.id, effectiveDate: shift(today, -365), reason: "amendment: phone contacts after year 5, month-9 visit" } });

  // Each investigator signs with the demo password, verified once per signer (21 CFR 11.200
  // asks for it at the first signing of a session; argon2 per signature would slow the seed).
  const signers = new Map<string, { name: string; email: string }>();
  for (const actor of investigators) {
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true, name: true, email: true } });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, DEMO_PASSWORD))) throw new Error(`demo seed: ${user.email} cannot sign with the demo password`);
    signers.set(actor.id, { name: user.name, email: user.email });
  }

  // Visits: past windows recorded (mostly completed and signed, some missed); a few subjects
  // left with overdue visits; today's windows open.
  for (const [index, subject] of subjects.entries()) {
    const rows = await db.scheduledVisit.findMany({ where: { subjectId: subject.id }, orderBy: { targetDate: "asc" } });
    const past = rows.filter((r) => calendarDateFromDb(r.windowEnd) < today);
    const leaveOverdue = index % 7 === 3 ? 1 : 0;
    for (const [k, row] of past.slice(0, past.length - leaveOverdue).entries()) {
      const target = calendarDateFromDb(row.targetDate);
      const date = shift(target, Math.round((rand() - 0.5) * 10));
      if (rand() < 0.08) {
        await recordVisit(db, { actor: subject.actor, input: { subjectId: subject.id, unscheduled: false, visitId: row.visitId, planVersion: row.planVersion!, status: "missed", date, reason: "subject could not be reached in the window" } });
        continue;
      }
      const record = await recordVisit(db, { actor: subject.actor, input: { subjectId: subject.id, unscheduled: false, visitId: row.visitId, planVersion: row.planVersion!, status: "completed", date, contactMode: row.contactMode as "clinic", assessments: ASSESSMENTS } });
      if (k < past.length - 2 || index % 3 !== 0) await writeSignature(db, { actor: subject.actor, subjectId: subject.id, recordId: record.id, meaning: "reviewed_and_approved", signer: signers.get(subject.actor.id)! });
    }
  }

  // Subjects who left follow-up: withdrawn, lost (three contact attempts), died, completed.
  const closing = [
    { index: 30, status: "withdrawn" as const, reason: "moved abroad, withdrew consent for further visits" },
    { index: 33, status: "lost_to_follow_up" as const, reason: "no contact after three attempts" },
    { index: 36, status: "died" as const, cause: "progressive lymphoma", reason: "reported by family" },
    { index: 12, status: "withdrawn" as const, reason: "subject's decision" },
  ];
  for (const c of closing) {
    const subject = subjects[c.index]!;
    const last = await db.visitRecord.findFirst({ where: { subjectId: subject.id }, orderBy: { date: "desc" } });
    const candidate = shift(last ? calendarDateFromDb(last.date) : subject.dosingDate, 30);
    const date = candidate > today ? today : candidate;
    await changeSubjectStatus(db, {
      actor: subject.actor,
      input: {
        subjectId: subject.id,
        status: c.status,
        date,
        reason: c.reason,
        ...(c.status === "died" ? { cause: c.cause } : {}),
        ...(c.status === "lost_to_follow_up"
          ? { contactAttempts: [0, 8, 20].map((d, n) => ({ date: shift(date, -d), mode: ["phone", "letter", "email"][n]!, outcome: "no answer" })) }
          : {}),
      },
    });
  }

  // A second consent version two months ago: most active subjects re-consented, a few still due.
  const icf2 = await createConsentVersion(db, { actor: sponsor, input: { studyId: study.id, title: "LTFU informed consent v2 (new risk information)", checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) } });
  await activateConsentVersion(db, { actor: sponsor, input: { id: icf2.id, effectiveDate: shift(today, -60), reason: "new risk information on secondary T-cell malignancies" } });
  for (const [index, subject] of subjects.entries()) {
    if (index % 6 === 5) continue;
    const row = await db.subject.findUniqueOrThrow({ where: { id: subject.id }, select: { status: true } });
    if (row.status !== "active") continue;
    await recordConsent(db, { actor: subject.actor, input: { subjectId: subject.id, consentVersion: 2, consentDate: shift(today, -30 + (index % 20)) } });
  }
  return true;
}
