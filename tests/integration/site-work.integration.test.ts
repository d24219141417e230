import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeSubjectStatusAction, enrolSubjectAction, recordConsentAction, recordVisitAction, signVisitAction, updateVisitAction } from "@/app/(app)/subjects/actions";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { activateConsentVersionAction, createConsentVersionAction, updateConsentChecklistAction } from "@/app/(app)/studies/actions";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getSubject, listSubjects, listVisitRecords } from "@/lib/db/subjects";
import { getDashboard } from "@/lib/db/dashboard";
import { listReconsentDue, listStoredVisitStatuses, listWorklistVisits } from "@/lib/db/visit-status";
import { buildSchedule } from "@/lib/schedule/build-schedule";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";
import { todayCalendarDate } from "@/lib/subjects/today";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan } from "@/lib/validation/plan";
import { COMPLETED_ASSESSMENTS, createSiteWorkFixture, enrolmentInput, SIGNING_PASSWORD, siteWorkSnapshot, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

let fx: SiteWorkFixture;
beforeAll(async () => {
  fx = await createSiteWorkFixture();
});
afterAll(disconnectDb);

async function storedRows(subjectId: string) {
  const rows = await getDb().scheduledVisit.findMany({ where: { subjectId }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }, { planVersion: "asc" }] });
  return rows.map((r) => ({ visitId: r.visitId, planVersion: r.planVersion, targetDate: calendarDateFromDb(r.targetDate), windowStart: calendarDateFromDb(r.windowStart), windowEnd: calendarDateFromDb(r.windowEnd), source: r.source }));
}

describe("enrolment (CDE §2.2.2, §2.3.1, §3)", () => {
  it("enrols a subject and stores the schedule lib/schedule computes for it, audited", async () => {
    const input = enrolmentInput(fx, { code: "ENR-001" });
    const { id } = unwrap(await enrolSubjectAction.run(fx.investigator, input));
    const plan = ZPlan.parse((await getDb().planVersion.findUniqueOrThrow({ where: { id: fx.planId } })).plan);
    const expected = buildSchedule({ dosingDate: "2024-02-29", asOf: "2024-02-29", planVersions: [{ version: 1, effectiveDate: "2015-01-01", plan }], records: [], subject: { status: "active" } });
    expect(expected.visits.length).toBeGreaterThan(10);
    expect(await storedRows(id)).toEqual(expected.visits.map((v) => ({ visitId: v.visitId, planVersion: 1, targetDate: v.targetDate, windowStart: v.windowStart, windowEnd: v.windowEnd, source: "plan" })));
    // 2024-02-29 + 12 months is the last day of February 2025 (SCHEDULE-CONTRACT).
    const m12 = (await storedRows(id)).find((r) => r.visitId === "M12");
    if (m12) expect(m12.targetDate).toBe("2025-02-28");
    expect(await getDb().auditLog.count({ where: { entity: "Subject", entityId: id, action: "create" } })).toBe(1);
    expect(await getDb().subjectConsent.count({ where: { subjectId: id } })).toBe(1);
  });

  it("refuses each bad enrolment with its code and field, and writes nothing", async () => {
    const taken = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "DUP-1" })));
    expect(taken.id).toBeTruthy();
    const drafts = await createSiteWorkFixture({ activate: false });
    const before = await siteWorkSnapshot(fx.organization.id);
    const draftsBefore = await siteWorkSnapshot(drafts.organization.id);
    const cases: Array<[string, () => ReturnType<typeof enrolSubjectAction.run>, { code: string; field?: string }]> = [
      ["duplicate code", () => enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "DUP-1" })), { code: "conflict", field: "code" }],
      ["dosing date in the future", () => enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { dosingDate: "2199-01-01" })), { code: "bad_request", field: "dosingDate" }],
      ["dosing date that does not exist", () => enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { dosingDate: "2024-02-30" })), { code: "bad_request", field: "dosingDate" }],
      ["consent version not the active one", () => enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { consentVersion: 2 })), { code: "unprocessable", field: "consentVersion" }],
      ["another site's investigator", () => enrolSubjectAction.run(fx.investigator2, enrolmentInput(fx)), { code: "not_found", field: "siteId" }],
      ["sponsor", () => enrolSubjectAction.run(fx.sponsor, enrolmentInput(fx)), { code: "forbidden" }],
      ["monitor", () => enrolSubjectAction.run(fx.monitor, enrolmentInput(fx)), { code: "forbidden" }],
      ["another organisation's study", () => enrolSubjectAction.run(drafts.investigator, enrolmentInput(fx, { siteId: drafts.site1.id })), { code: "not_found" }],
    ];
    for (const [name, attempt, expected] of cases) {
      const result = await attempt();
      expect({ name, result }).toMatchObject({ name, result: { ok: false, error: expected } });
    }
    // No active plan (and no active consent): a rule of the guideline refuses, 422.
    const noPlan = await enrolSubjectAction.run(drafts.investigator, enrolmentInput(drafts));
    expect(noPlan).toMatchObject({ ok: false, error: { code: "unprocessable" } });
    expect(noPlan.ok ? "" : noPlan.error.message).toMatch(/active LTFU plan.*CDE §2\.3\.2/);
    expect(await siteWorkSnapshot(fx.organization.id)).toEqual(before);
    expect(await siteWorkSnapshot(drafts.organization.id)).toEqual(draftsBefore);
  });
});

describe("visits, signatures and concurrency", () => {
  let subjectId: string;
  beforeAll(async () => {
    subjectId = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "VIS-001", dosingDate: "2024-02-29" }))).id;
  });

  it("records the month-6 visit, refuses it twice, a visit not on the schedule, and dates before dosing or after today", async () => {
    const record = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS }));
    expect(record.version).toBe(1);
    const stored = await getDb().visitRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect({ visitId: stored.visitId, planVersion: stored.planVersion, status: stored.status, contactMode: stored.contactMode }).toEqual({ visitId: "M06", planVersion: 1, status: "completed", contactMode: "clinic" });
    const before = await siteWorkSnapshot(fx.organization.id);
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M06", status: "completed", date: "2024-08-28", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M07", status: "completed", date: "2024-08-28", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ ok: false, error: { code: "unprocessable", field: "visitId" } });
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M12", status: "completed", date: "2024-01-01", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ ok: false, error: { code: "bad_request", field: "date" } });
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M12", status: "completed", date: "2199-01-01", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ ok: false, error: { code: "bad_request", field: "date" } });
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M12", status: "missed", date: "2025-03-01" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "reason" } });
    expect(await recordVisitAction.run(fx.investigator, { subjectId, visitId: "M12", status: "completed", date: "2025-03-01" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "assessments" } });
    expect(await siteWorkSnapshot(fx.organization.id)).toEqual(before);
  });

  it("a missed visit with its reason, and unscheduled visits numbered U01, U02", async () => {
    // Posted as the form posts it (with or without JavaScript): the hidden checklist comes along,
    // its drug exposure left blank; a missed visit drops it rather than refusing it, and keeps none.
    const posted = new FormData();
    for (const [name, value] of Object.entries({ subjectId, visitId: "M12", status: "missed", date: "2025-03-20", contactMode: "clinic", "assessments.history": "on", "assessments.drugExposure": "", "assessments.pregnancy": "not_applicable", "assessments.notes": "", reason: "subject travelling" })) posted.append(name, value);
    const missed = unwrap(await recordVisitAction.run(fx.investigator, posted));
    expect(await getDb().visitRecord.findUniqueOrThrow({ where: { id: missed.id }, select: { status: true, reason: true, assessments: true } })).toEqual({ status: "missed", reason: "subject travelling", assessments: null });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "VisitRecord", entityId: missed.id, action: "create" } });
    expect(audit.newValues).toMatchObject({ status: "missed", assessments: null, reason: "subject travelling" });
    const u1 = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, unscheduled: true, date: "2025-04-02", reason: "fever", assessments: COMPLETED_ASSESSMENTS }));
    const u2 = unwrap(await recordVisitAction.run(fx.investigator, { subjectId, unscheduled: true, date: "2025-04-09", reason: "follow-up of fever" }));
    const ids = (await getDb().visitRecord.findMany({ where: { id: { in: [u1.id, u2.id] } }, orderBy: { date: "asc" } })).map((r) => [r.visitId, r.planVersion, r.unscheduled]);
    expect(ids).toEqual([
      ["U01", null, true],
      ["U02", null, true],
    ]);
    const { schedule } = await getSubjectSchedule(getDb(), { actor: fx.investigator, subjectId, asOf: "2025-05-01" });
    expect(schedule.visits.find((v) => v.visitId === "M12")).toMatchObject({ status: "missed", recordedDate: "2025-03-20", source: "plan", recordId: expect.any(String) });
  });

  it("signature: a wrong password writes only the audited failed attempt; a right one signs; a later change voids it; the database refuses to change a signed record", async () => {
    const record = (await listVisitRecords(getDb(), { actor: fx.investigator, subjectId })).find((r) => r.visitId === "M06")!;
    const before = await siteWorkSnapshot(fx.organization.id);
    const wrong = await signVisitAction.run(fx.investigator, { subjectId, recordId: record.id, password: "not-my-password" });
    expect(wrong).toMatchObject({ ok: false, error: { code: "forbidden", field: "password" } });
    const after = await siteWorkSnapshot(fx.organization.id);
    expect(after.subjects).toEqual(before.subjects);
    expect(after.audit).toBe(before.audit + 1);
    expect(await getDb().auditLog.count({ where: { entity: "VisitRecord", entityId: record.id, action: "sign_failed" } })).toBe(1);

    expect(await signVisitAction.run(fx.monitor, { subjectId, recordId: record.id, password: SIGNING_PASSWORD })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await signVisitAction.run(fx.investigator2, { subjectId, recordId: record.id, password: SIGNING_PASSWORD })).toMatchObject({ ok: false, error: { code: "not_found" } });

    unwrap(await signVisitAction.run(fx.investigator, { subjectId, recordId: record.id, password: SIGNING_PASSWORD, meaning: "reviewed_and_approved" }));
    const signed = (await listVisitRecords(getDb(), { actor: fx.investigator, subjectId })).find((r) => r.id === record.id)!;
    expect(signed.signatures).toHaveLength(1);
    expect(signed.signatures[0]).toMatchObject({ signerName: "INVESTIGATOR", signerEmail: fx.investigator.email, meaning: "reviewed_and_approved", voidedAt: null, recordVersion: 1 });
    expect(await signVisitAction.run(fx.investigator, { subjectId, recordId: record.id, password: SIGNING_PASSWORD })).toMatchObject({ ok: false, error: { code: "conflict" } });

    // The last wall: the trigger refuses a direct change of a signed record, and any deletion.
    await expect(getDb().visitRecord.update({ where: { id: record.id }, data: { reason: "sneaky" } })).rejects.toThrow(/signed/);
    await expect(getDb().visitSignature.deleteMany({ where: { visitRecordId: record.id } })).rejects.toThrow(/never deleted/);

    const changed = unwrap(await updateVisitAction.run(fx.investigator, { subjectId, recordId: record.id, version: 1, reason: "date typo", date: "2024-08-26" }));
    expect(changed.version).toBe(2);
    const voided = (await listVisitRecords(getDb(), { actor: fx.investigator, subjectId })).find((r) => r.id === record.id)!;
    expect(voided.signatures[0]).toMatchObject({ voidedReason: "date typo", voidedAt: expect.any(Date) });
    expect(calendarDateFromDb(voided.date)).toBe("2024-08-26");
    expect(await getDb().auditLog.count({ where: { entity: "VisitSignature", entityId: voided.signatures[0]!.id, action: { in: ["sign", "void"] } } })).toBe(2);
    // Signed again: a new valid signature bound to version 2; the old one stays void.
    unwrap(await signVisitAction.run(fx.investigator, { subjectId, recordId: record.id, password: SIGNING_PASSWORD }));
    const resigned = (await listVisitRecords(getDb(), { actor: fx.investigator, subjectId })).find((r) => r.id === record.id)!;
    expect(resigned.signatures.map((s) => [s.recordVersion, s.voidedAt === null])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it("five wrong passwords lock signing for this signer, even with the right password (21 CFR 11.300)", async () => {
    const study = await createSiteWorkFixture();
    const id = unwrap(await enrolSubjectAction.run(study.investigator, enrolmentInput(study, { code: "LOCK-1" }))).id;
    const record = unwrap(await recordVisitAction.run(study.investigator, { subjectId: id, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS }));
    for (let i = 0; i < 5; i++) expect(await signVisitAction.run(study.investigator, { subjectId: id, recordId: record.id, password: `wrong-${i}` })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const locked = await signVisitAction.run(study.investigator, { subjectId: id, recordId: record.id, password: SIGNING_PASSWORD });
    expect(locked).toMatchObject({ ok: false, error: { code: "forbidden", field: "password" } });
    expect(locked.ok ? "" : locked.error.message).toMatch(/locked/);
    expect(await getDb().visitSignature.count({ where: { visitRecordId: record.id } })).toBe(0);
    // Another signer is not locked.
    const other = unwrap(await enrolSubjectAction.run(study.investigator2, enrolmentInput(study, { code: "LOCK-2", siteId: study.site2.id }))).id;
    const otherRecord = unwrap(await recordVisitAction.run(study.investigator2, { subjectId: other, visitId: "M06", status: "completed", date: "2024-08-27", assessments: COMPLETED_ASSESSMENTS }));
    expect(await signVisitAction.run(study.investigator2, { subjectId: other, recordId: otherRecord.id, password: SIGNING_PASSWORD })).toMatchObject({ ok: true });
  });

  it("a stale version is refused with 409 and nothing is written; a change needs a reason", async () => {
    const record = (await listVisitRecords(getDb(), { actor: fx.investigator, subjectId })).find((r) => r.visitId === "M12")!;
    unwrap(await updateVisitAction.run(fx.investigator, { subjectId, recordId: record.id, version: record.version, reason: "reason clarified", missedReason: "subject abroad" }));
    const before = await siteWorkSnapshot(fx.organization.id);
    const stale = await updateVisitAction.run(fx.investigator, { subjectId, recordId: record.id, version: record.version, reason: "second editor", missedReason: "other" });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict", field: "version" } });
    expect(await updateVisitAction.run(fx.investigator, { subjectId, recordId: record.id, version: record.version + 1, reason: "  ", missedReason: "x" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "reason" } });
    expect(await siteWorkSnapshot(fx.organization.id)).toEqual(before);
  });
});

describe("subject status and re-consent", () => {
  it("lost to follow-up needs three contact attempts on different dates; each closing status makes later visits not required", async () => {
    const { id } = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "ST-LOST", dosingDate: "2021-03-15" })));
    const before = await siteWorkSnapshot(fx.organization.id);
    const twoDates = [
      { date: "2024-01-02", mode: "phone", outcome: "no answer" },
      { date: "2024-01-02", mode: "email", outcome: "bounced" },
      { date: "2024-01-09", mode: "letter", outcome: "returned" },
    ];
    expect(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: "lost_to_follow_up", date: "2024-02-01", contactAttempts: twoDates })).toMatchObject({ ok: false, error: { code: "bad_request", field: "contactAttempts" } });
    expect(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: "died", date: "2024-02-01" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "cause" } });
    expect(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: "withdrawn", date: "2024-02-01" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "reason" } });
    expect(await changeSubjectStatusAction.run(fx.monitor, { subjectId: id, status: "completed", date: "2024-02-01" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await siteWorkSnapshot(fx.organization.id)).toEqual(before);
    const attempts = [...twoDates.slice(0, 1), ...twoDates.slice(2), { date: "2024-01-20", mode: "home_visit", outcome: "moved away" }];
    unwrap(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: "lost_to_follow_up", date: "2024-02-01", contactAttempts: attempts, reason: "unreachable" }));
    expect(await getDb().contactAttempt.count({ where: { subjectId: id } })).toBe(3);
    const { schedule } = await getSubjectSchedule(getDb(), { actor: fx.investigator, subjectId: id, asOf: "2025-06-01" });
    expect(schedule.visits.filter((v) => v.targetDate > "2024-02-01").every((v) => v.status === "not_required")).toBe(true);
    expect(schedule.visits.some((v) => v.targetDate <= "2024-02-01" && v.status === "overdue")).toBe(true);
    expect(await recordVisitAction.run(fx.investigator, { subjectId: id, visitId: "M06", status: "completed", date: "2021-09-15", assessments: COMPLETED_ASSESSMENTS })).toMatchObject({ ok: false, error: { code: "unprocessable" } });
    expect(await changeSubjectStatusAction.run(fx.investigator, { subjectId: id, status: "died", date: "2024-03-01", cause: "x" })).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("a new consent version makes re-consent due for active subjects until recorded", async () => {
    const study = await createSiteWorkFixture();
    const { id } = unwrap(await enrolSubjectAction.run(study.investigator, enrolmentInput(study, { code: "RC-1" })));
    expect(await listReconsentDue(getDb(), { actor: study.investigator })).toEqual([]);
    const v2 = unwrap(await createConsentVersionAction.run(study.sponsor, { studyId: study.studyId, title: "ICF v2" })).id;
    unwrap(await updateConsentChecklistAction.run(study.sponsor, { id: v2, checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) }));
    unwrap(await activateConsentVersionAction.run(study.sponsor, { id: v2, effectiveDate: "2025-01-01", reason: "new risk information" }));
    expect((await listReconsentDue(getDb(), { actor: study.investigator })).map((r) => [r.code, r.consentVersion, r.activeConsentVersion])).toEqual([["RC-1", 1, 2]]);
    expect(await listReconsentDue(getDb(), { actor: study.investigator2 })).toEqual([]);
    expect(await recordConsentAction.run(study.investigator, { subjectId: id, consentVersion: 3, consentDate: "2025-02-01" })).toMatchObject({ ok: false, error: { code: "unprocessable", field: "consentVersion" } });
    unwrap(await recordConsentAction.run(study.investigator, { subjectId: id, consentVersion: 2, consentDate: "2025-02-01" }));
    expect(await listReconsentDue(getDb(), { actor: study.investigator })).toEqual([]);
    expect(await recordConsentAction.run(study.investigator, { subjectId: id, consentVersion: 2, consentDate: "2025-02-02" })).toMatchObject({ ok: false, error: { code: "conflict" } });
  });
});

describe("amendment: activating a plan version re-applies it to every subject of the study in one transaction", () => {
  it("200 subjects: each subject's stored rows equal the pure engine's, recorded visits keep their version", { timeout: 240_000 }, async () => {
    const study = await createSiteWorkFixture();
    const db = getDb();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const year = 2019 + (i % 6);
      const month = String(1 + (i % 12)).padStart(2, "0");
      const day = String(1 + ((i * 7) % 28)).padStart(2, "0");
      const site = i % 2 === 0 ? study.site1.id : study.site2.id;
      const actor = i % 2 === 0 ? study.investigator : study.investigator2;
      ids.push(unwrap(await enrolSubjectAction.run(actor, enrolmentInput(study, { code: `AM-${String(i).padStart(3, "0")}`, siteId: site, dosingDate: `${year}-${month}-${day}` }))).id);
    }
    // A third of the subjects had their month-6 visit recorded under version 1.
    for (let i = 0; i < 200; i += 3) {
      const actor = i % 2 === 0 ? study.investigator : study.investigator2;
      const subject = (await getSubject(db, { actor, subjectId: ids[i]! }))!;
      const row = (await db.scheduledVisit.findFirstOrThrow({ where: { subjectId: subject.id, visitId: "M06" } }));
      const date = calendarDateFromDb(row.targetDate);
      if (date <= todayCalendarDate()) unwrap(await recordVisitAction.run(actor, { subjectId: subject.id, visitId: "M06", status: "completed", date, assessments: COMPLETED_ASSESSMENTS }));
    }
    // Version 2: every window wider, an extra visit at month 9, effective 2025-06-01.
    const v2 = unwrap(await createPlanVersionAction.run(study.sponsor, { studyId: study.studyId, source: "copy_latest" })).id;
    const v1Plan = ZPlan.parse((await db.planVersion.findUniqueOrThrow({ where: { id: study.planId } })).plan);
    const template = v1Plan.visits.find((v) => v.id === "M06")!;
    const v2Plan = { ...v1Plan, visits: [...v1Plan.visits.map((v) => ({ ...v, windowDaysBefore: v.windowDaysBefore + 7, windowDaysAfter: v.windowDaysAfter + 7 })), { ...template, id: "M09", offsetMonths: 9 }] };
    const draft = await db.planVersion.findUniqueOrThrow({ where: { id: v2 } });
    unwrap(await updatePlanDraftAction.run(study.sponsor, { id: v2, plan: v2Plan, justifications: draft.justifications as Record<string, string>, durationOverrideJustification: draft.durationOverrideJustification ?? undefined }));
    const auditBefore = await db.auditLog.count({ where: { organizationId: study.organization.id } });
    unwrap(await activatePlanVersionAction.run(study.sponsor, { id: v2, effectiveDate: "2025-06-01", reason: "wider windows, month-9 visit" }));
    expect(await db.auditLog.count({ where: { organizationId: study.organization.id } })).toBe(auditBefore + 2);

    const planVersions = [
      { version: 1, effectiveDate: "2015-01-01", plan: v1Plan },
      { version: 2, effectiveDate: "2025-06-01", plan: ZPlan.parse(v2Plan) },
    ];
    let recordedKept = 0;
    for (const id of ids) {
      const subject = await db.subject.findUniqueOrThrow({ where: { id }, include: { visitRecords: true } });
      const records = subject.visitRecords.map((r) => ({ visitId: r.visitId, planVersion: r.planVersion!, status: r.status as "completed", date: calendarDateFromDb(r.date) }));
      const expected = buildSchedule({ dosingDate: calendarDateFromDb(subject.dosingDate), asOf: "2026-01-01", planVersions, records, subject: { status: "active" } });
      const rows = await storedRows(id);
      expect({ id, rows }).toEqual({ id, rows: expected.visits.map((v) => ({ visitId: v.visitId, planVersion: v.planVersion, targetDate: v.targetDate, windowStart: v.windowStart, windowEnd: v.windowEnd, source: "plan" })) });
      // The future took the new version, the past kept the old one.
      expect(rows.filter((r) => r.targetDate >= "2025-06-01" && r.planVersion === 1)).toEqual([]);
      const m06 = rows.find((r) => r.visitId === "M06");
      if (records.length > 0) {
        expect(m06?.planVersion).toBe(1);
        recordedKept++;
      }
    }
    expect(recordedKept).toBeGreaterThan(30);

    // The dashboard's counts in one SQL statement equal the counts of the TypeScript schedules.
    const asOf = "2026-03-15";
    const expected = { overdue: 0, windowOpen: 0, dueIn30Days: 0, dueIn90Days: 0 };
    for (const id of ids) {
      const { schedule } = await getSubjectSchedule(db, { actor: study.sponsor, subjectId: id, asOf });
      for (const v of schedule.visits) {
        if (v.status === "overdue") expected.overdue++;
        if (v.status === "window_open") expected.windowOpen++;
        const due = v.status === "upcoming" || v.status === "window_open";
        if (due && v.targetDate >= asOf && v.targetDate <= "2026-04-14") expected.dueIn30Days++;
        if (due && v.targetDate >= asOf && v.targetDate <= "2026-06-13") expected.dueIn90Days++;
      }
    }
    expect(expected.overdue).toBeGreaterThan(100);
    expect((await getDashboard(db, { actor: study.sponsor, asOf, studyId: study.studyId })).visits).toEqual(expected);
    const site1Only = (await getDashboard(db, { actor: study.investigator, asOf, studyId: study.studyId })).visits;
    expect(site1Only.overdue).toBeGreaterThan(0);
    expect(site1Only.overdue).toBeLessThan(expected.overdue);
  });
});

describe("scoped accessors", () => {
  it("return nothing to an actor without the subject's scope: another site's investigator, an investigator without sites, another organisation", async () => {
    const { id } = unwrap(await enrolSubjectAction.run(fx.investigator, enrolmentInput(fx, { code: "SCOPE-1" })));
    const other = await createSiteWorkFixture();
    const noSites = { ...fx.investigator, siteIds: [] };
    const notMember = { ...fx.investigator, id: other.investigator.id };
    for (const actor of [fx.investigator2, noSites, notMember, other.sponsor, other.monitor]) {
      expect(await getSubject(getDb(), { actor, subjectId: id })).toBeNull();
      expect((await listSubjects(getDb(), { actor, studyId: fx.studyId })).map((s) => s.id)).not.toContain(id);
      expect(await listVisitRecords(getDb(), { actor, subjectId: id })).toEqual([]);
      expect(await listStoredVisitStatuses(getDb(), { actor, subjectId: id, asOf: "2026-01-01" })).toEqual([]);
      expect((await listWorklistVisits(getDb(), { actor, asOf: "2026-01-01" })).filter((r) => r.subjectId === id)).toEqual([]);
    }
    for (const actor of [fx.investigator, fx.monitor, fx.sponsor]) {
      expect((await getSubject(getDb(), { actor, subjectId: id }))?.id).toBe(id);
      expect((await listStoredVisitStatuses(getDb(), { actor, subjectId: id, asOf: "2026-01-01" })).length).toBeGreaterThan(0);
    }
  });
});
