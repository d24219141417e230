import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getDashboardRoute } from "@/app/api/v1/studies/[studyId]/dashboard/route";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { activateConsentVersionAction, createConsentVersionAction, updateConsentChecklistAction } from "@/app/(app)/studies/actions";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { DASHBOARD_LISTS, getDashboard, getEscalationsByQuarter, getRetentionByYear, listDashboardItems, type Dashboard, type DashboardList } from "@/lib/db/dashboard";
import { listAppliedPlanVersions } from "@/lib/db/subjects";
import { raiseQuery, transitionQuery } from "@/lib/queries/queries";
import { addDays, addMonths, formatCalendarDate, parseCalendarDate } from "@/lib/schedule/calendar-date";
import { rewriteScheduleRows, scheduleFromStored, toSchedulePlanVersions } from "@/lib/subjects/schedule-rows";
import { calendarDateToDb } from "@/lib/validation/calendar-date";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { ZPlan } from "@/lib/validation/plan";
import { createSiteWorkFixture, unwrap, type SiteWorkFixture } from "./site-work-fixtures";

/**
 * A generated program of 300 subjects on two sites (dosed 2011–2026, some withdrawn, lost,
 * dead or completed, visits completed on time, late or missed, under a plan amended in
 * 2025), with adverse events, escalations and queries. The dashboard's SQL must say what the
 * pure engine (lib/schedule) says for each subject's own schedule, at several `asOf` dates.
 */
const SUBJECTS = 300;
const AS_OF_DATES = ["2016-05-31", "2024-02-29", "2025-06-01", "2026-11-25"];
const TODAY = "2026-11-25";

/** mulberry32: the same program on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (text: string) => parseCalendarDate(text)!;
const date = (n: number) => formatCalendarDate(n);

interface Generated {
  id: string;
  siteId: string;
  dosingDate: string;
  status: string;
  statusDate: string | null;
  consentVersion: number;
  records: Array<{ visitId: string; planVersion: number; status: "completed" | "missed"; date: string }>;
}

let fx: SiteWorkFixture;
const program: Generated[] = [];
let planVersions: ReturnType<typeof toSchedulePlanVersions>;
const escalations: Array<{ subjectId: string; siteId: string; status: string; openedDate: string; dueDate: string | null }> = [];
const adverseEvents: Array<{ subjectId: string; siteId: string; serious: boolean; category: string; onsetDate: string }> = [];

beforeAll(async () => {
  fx = await createSiteWorkFixture();
  const db = getDb();
  // Amendment: wider windows and a month-9 visit from 2025-06-01; consent version 2 from 2025-01-01.
  const v2 = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId: fx.studyId, source: "copy_latest" })).id;
  const v1Plan = ZPlan.parse((await db.planVersion.findUniqueOrThrow({ where: { id: fx.planId } })).plan);
  const template = v1Plan.visits.find((v) => v.id === "M06")!;
  const v2Plan = { ...v1Plan, visits: [...v1Plan.visits.map((v) => ({ ...v, windowDaysBefore: v.windowDaysBefore + 7, windowDaysAfter: v.windowDaysAfter + 7 })), { ...template, id: "M09", offsetMonths: 9 }] };
  const draft = await db.planVersion.findUniqueOrThrow({ where: { id: v2 } });
  unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: v2, plan: v2Plan, justifications: draft.justifications as Record<string, string>, durationOverrideJustification: draft.durationOverrideJustification ?? undefined }));
  unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: v2, effectiveDate: "2025-06-01", reason: "wider windows, month-9 visit" }));
  const consent2 = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId: fx.studyId, title: "ICF v2" })).id;
  unwrap(await updateConsentChecklistAction.run(fx.sponsor, { id: consent2, checklist: Object.fromEntries(CONSENT_ITEMS.map((i) => [i, true])) }));
  unwrap(await activateConsentVersionAction.run(fx.sponsor, { id: consent2, effectiveDate: "2025-01-01", reason: "new risk information" }));
  planVersions = toSchedulePlanVersions(await listAppliedPlanVersions(db, { studyId: fx.studyId }));
  expect(planVersions).toHaveLength(2);

  const rand = random(20261126);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const first = day("2011-01-01");
  const last = day("2026-10-31");
  for (let i = 0; i < SUBJECTS; i++) {
    const dosing = first + Math.floor(rand() * (last - first));
    const siteId = i % 3 === 0 ? fx.site2.id : fx.site1.id;
    const roll = rand();
    const status = roll < 0.78 ? "active" : pick(["completed", "withdrawn", "lost_to_follow_up", "died"] as const);
    const statusDate = status === "active" ? null : date(dosing + 1 + Math.floor(rand() * (day(TODAY) - dosing - 1)));
    const base = { id: `gen-${fx.site1.code}-${i}`, siteId, dosingDate: date(dosing), status, statusDate, consentVersion: rand() < 0.5 ? 1 : 2 };
    // The visits the engine puts on the schedule; record some before today (and before the status date).
    const schedule = scheduleFromStored({ planVersions, subject: { id: base.id, dosingDate: calendarDateToDb(base.dosingDate), status: "active", statusDate: null }, records: [], asOf: TODAY });
    const records: Generated["records"] = [];
    for (const visit of schedule.visits) {
      const limit = statusDate ?? TODAY;
      if (visit.targetDate > limit) continue;
      const r = rand();
      if (r < 0.55) {
        const offset = Math.floor(rand() * 61) - 30; // within the window or up to a month out
        const when = Math.max(dosing + 1, Math.min(day(limit), day(visit.targetDate) + offset));
        records.push({ visitId: visit.visitId, planVersion: visit.planVersion, status: "completed", date: date(when) });
      } else if (r < 0.7) {
        records.push({ visitId: visit.visitId, planVersion: visit.planVersion, status: "missed", date: date(Math.min(day(limit), day(visit.windowEnd))) });
      }
    }
    program.push({ ...base, records });
  }

  await db.subject.createMany({
    data: program.map((s, i) => ({
      id: s.id,
      organizationId: fx.organization.id,
      studyId: fx.studyId,
      siteId: s.siteId,
      code: `G-${String(i).padStart(3, "0")}`,
      yearOfBirth: 1970 + (i % 40),
      sex: "female",
      dosingDate: calendarDateToDb(s.dosingDate),
      lot: "LOT-1",
      status: s.status,
      statusDate: s.statusDate ? calendarDateToDb(s.statusDate) : null,
      deathCause: s.status === "died" ? "generated" : null,
      consentVersion: s.consentVersion,
      consentDate: calendarDateToDb(s.dosingDate),
      createdById: fx.investigator.id,
    })),
  });
  await db.visitRecord.createMany({
    data: program.flatMap((s) => s.records.map((r) => ({ subjectId: s.id, visitId: r.visitId, planVersion: r.planVersion, status: r.status, date: calendarDateToDb(r.date), reason: r.status === "missed" ? "generated" : null, createdById: fx.investigator.id }))),
  });
  await db.$transaction((tx) => rewriteScheduleRows(tx, { studyId: fx.studyId }), { timeout: 120_000 });

  // Adverse events (some serious, some malignancies) and escalations (open, overdue, resolved).
  for (const [i, s] of program.entries()) {
    if (i % 7 !== 0) continue;
    const onset = date(day(s.dosingDate) + Math.floor(rand() * Math.max(1, day(TODAY) - day(s.dosingDate))));
    const serious = rand() < 0.5;
    const category = pick(["malignancy", "infection", "neurological", "other"] as const);
    const ae = await db.adverseEvent.create({
      data: {
        organizationId: fx.organization.id,
        studyId: fx.studyId,
        siteId: s.siteId,
        subjectId: s.id,
        term: `${category} ${i}`,
        onsetDate: calendarDateToDb(onset),
        serious,
        seriousnessCriteria: serious ? ["hospitalisation"] : [],
        grade: serious ? 3 : 1,
        category,
        relatedness: "possible",
        outcome: "recovering",
        createdById: fx.investigator.id,
      },
    });
    adverseEvents.push({ subjectId: s.id, siteId: s.siteId, serious, category, onsetDate: onset });
    const resolved = rand() < 0.3;
    const dueDate = rand() < 0.7 ? date(day(onset) + 30 + Math.floor(rand() * 120)) : null;
    await db.escalation.create({
      data: {
        organizationId: fx.organization.id,
        studyId: fx.studyId,
        siteId: s.siteId,
        subjectId: s.id,
        trigger: "suspected_related_ae",
        action: "report",
        citation: "CDE §2.3.2",
        openedDate: calendarDateToDb(onset),
        dueDate: dueDate ? calendarDateToDb(dueDate) : null,
        adverseEventId: ae.id,
        ...(resolved ? { status: "resolved", resolvedDate: calendarDateToDb(TODAY), note: "done", resolvedById: fx.investigator.id } : {}),
      },
    });
    escalations.push({ subjectId: s.id, siteId: s.siteId, status: resolved ? "resolved" : "open", openedDate: onset, dueDate });
  }
  // Queries: 12 raised, 5 of them answered, 2 of those closed.
  for (let i = 0; i < 12; i++) {
    const s = program[i * 11]!;
    const q = await raiseQuery(db, { actor: fx.monitor, input: { subjectId: s.id, target: { type: "subject", id: s.id }, text: `query ${i}` } });
    if (i < 5) await transitionQuery(db, { actor: s.siteId === fx.site1.id ? fx.investigator : fx.investigator2, queryId: q.id, step: "answer", text: "answer" });
    if (i < 2) await transitionQuery(db, { actor: fx.monitor, queryId: q.id, step: "close", text: undefined });
  }
}, 300_000);
afterAll(disconnectDb);

/** What the subjects' own schedules (lib/schedule) and the stored safety rows say, for the subjects at `siteIds`. */
async function expectedDashboard(asOf: string, siteIds: string[]): Promise<Omit<Dashboard, "sites" | "followUp"> & { sites: Array<{ siteId: string; subjects: number; overdue: number; onTimeRate: number | null }>; nearingEnd: number }> {
  const inScope = program.filter((s) => siteIds.includes(s.siteId));
  const subjects = { active: 0, completed: 0, withdrawn: 0, lost_to_follow_up: 0, died: 0 };
  const visits = { overdue: 0, windowOpen: 0, dueIn30Days: 0, dueIn90Days: 0 };
  const perSite = new Map(siteIds.map((id) => [id, { subjects: 0, overdue: 0, onTime: 0, due: 0 }]));
  let onTime = 0;
  let due = 0;
  let reconsentDue = 0;
  let nearingEnd = 0;
  for (const s of inScope) {
    subjects[s.status as keyof typeof subjects] += 1;
    const site = perSite.get(s.siteId)!;
    site.subjects += 1;
    if (s.status === "active" && s.consentVersion < 2) reconsentDue += 1;
    const schedule = scheduleFromStored({
      planVersions,
      subject: { id: s.id, dosingDate: calendarDateToDb(s.dosingDate), status: s.status, statusDate: s.statusDate ? calendarDateToDb(s.statusDate) : null },
      records: s.records.map((r) => ({ ...r, unscheduled: false, date: calendarDateToDb(r.date) })),
      asOf,
    });
    if (s.status === "active" && schedule.followUpEnd >= asOf && schedule.followUpEnd <= date(addMonths(day(asOf), 6))) nearingEnd += 1;
    for (const v of schedule.visits) {
      if (v.status === "overdue") {
        visits.overdue += 1;
        site.overdue += 1;
      }
      if (v.status === "window_open") visits.windowOpen += 1;
      const pending = v.status === "upcoming" || v.status === "window_open";
      if (pending && v.targetDate >= asOf && v.targetDate <= date(addDays(day(asOf), 30))) visits.dueIn30Days += 1;
      if (pending && v.targetDate >= asOf && v.targetDate <= date(addDays(day(asOf), 90))) visits.dueIn90Days += 1;
      if (v.status === "completed" && v.recordedDate! >= v.windowStart && v.recordedDate! <= v.windowEnd) {
        onTime += 1;
        site.onTime += 1;
      }
      if (v.status === "completed" || v.status === "missed" || v.status === "overdue") {
        due += 1;
        site.due += 1;
      }
    }
  }
  const openEscalations = escalations.filter((e) => siteIds.includes(e.siteId) && e.status === "open" && e.openedDate <= asOf);
  const aes = adverseEvents.filter((a) => siteIds.includes(a.siteId) && a.onsetDate <= asOf);
  const queries = await getDb().query.groupBy({ by: ["status"], where: { studyId: fx.studyId, siteId: { in: siteIds } }, _count: true });
  return {
    asOf,
    subjects,
    visits,
    onTimeRate: due === 0 ? null : onTime / due,
    escalations: { open: openEscalations.length, overdue: openEscalations.filter((e) => e.dueDate !== null && e.dueDate < asOf).length },
    queries: { open: queries.find((q) => q.status === "open")?._count ?? 0, answered: queries.find((q) => q.status === "answered")?._count ?? 0 },
    reconsentDue,
    adverseEvents: { serious: aes.filter((a) => a.serious).length, malignancies: aes.filter((a) => a.category === "malignancy").length },
    sites: siteIds.map((siteId) => {
      const s = perSite.get(siteId)!;
      return { siteId, subjects: s.subjects, overdue: s.overdue, onTimeRate: s.due === 0 ? null : s.onTime / s.due };
    }),
    nearingEnd,
  };
}

function comparable(dashboard: Dashboard) {
  const { sites, followUp, ...rest } = dashboard;
  return { ...rest, nearingEnd: followUp.nearingEnd, sites: sites.map((site) => ({ siteId: site.siteId, subjects: site.subjects, overdue: site.overdue, onTimeRate: site.onTimeRate })) };
}

describe("dashboard counts equal the subjects' own schedules (lib/schedule)", () => {
  it("holds for the monitor, the sponsor administrator and an investigator (its site only), at several asOf dates", { timeout: 240_000 }, async () => {
    const both = [fx.site1.id, fx.site2.id].sort((a, b) => (a === fx.site1.id ? -1 : b === fx.site1.id ? 1 : 0));
    let overdueSeen = 0;
    for (const asOf of AS_OF_DATES) {
      const expected = await expectedDashboard(asOf, both);
      const monitor = await getDashboard(getDb(), { actor: fx.monitor, asOf, studyId: fx.studyId });
      const ordered = (d: Dashboard) => ({ ...d, sites: [...d.sites].sort((a, b) => both.indexOf(a.siteId) - both.indexOf(b.siteId)) });
      expect({ at: asOf, ...comparable(ordered(monitor)) }).toEqual({ at: asOf, ...expected });
      expect(comparable(ordered(await getDashboard(getDb(), { actor: fx.sponsor, asOf, studyId: fx.studyId })))).toEqual(expected);
      const investigator = await getDashboard(getDb(), { actor: fx.investigator, asOf, studyId: fx.studyId });
      expect(comparable(investigator)).toEqual(await expectedDashboard(asOf, [fx.site1.id]));
      expect(investigator.sites.map((s) => s.siteId)).toEqual([fx.site1.id]);
      overdueSeen += monitor.visits.overdue;
    }
    // The program is not trivial: every kind of number is non-zero somewhere.
    const latest = await getDashboard(getDb(), { actor: fx.monitor, asOf: TODAY, studyId: fx.studyId });
    expect(overdueSeen).toBeGreaterThan(100);
    expect(Object.values(latest.subjects).every((n) => n > 0)).toBe(true);
    expect(latest.visits.windowOpen * latest.visits.dueIn30Days * latest.escalations.overdue * latest.adverseEvents.malignancies * latest.reconsentDue).toBeGreaterThan(0);
    expect(latest.queries).toEqual({ open: 7, answered: 3 });
    expect(latest.onTimeRate).toBeGreaterThan(0);
    expect(latest.onTimeRate).toBeLessThan(1);
  });

  it("the API answers the same numbers, scoped; another organisation's study is not found", async () => {
    const other = await createSiteWorkFixture();
    const call = async (actor: Actor, studyId: string, query: string) => {
      const { token } = await createApiToken(getDb(), { actor, name: "dash" });
      const response = await getDashboardRoute(new Request(`http://test/api/v1/studies/${studyId}/dashboard${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ studyId }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const api = await call(fx.investigator2, fx.studyId, "?asOf=2025-06-01");
    expect(api.status).toBe(200);
    expect(api.body).toEqual(JSON.parse(JSON.stringify(await getDashboard(getDb(), { actor: fx.investigator2, asOf: "2025-06-01", studyId: fx.studyId }))));
    expect((api.body.sites as Array<{ siteId: string }>).map((s) => s.siteId)).toEqual([fx.site2.id]);
    expect(api.body.subjects).toEqual((await expectedDashboard("2025-06-01", [fx.site2.id])).subjects);
    expect((await call(fx.monitor, fx.studyId, "?asOf=2025-02-30")).body).toMatchObject({ error: { code: "bad_request", field: "asOf" } });
    expect((await call(other.monitor, fx.studyId, "")).status).toBe(404);
    expect((await call(other.sponsor, fx.studyId, "")).status).toBe(404);
  });
});

describe("the lists behind the numbers", () => {
  const numberOf = (d: Dashboard, list: DashboardList): number =>
    ({
      overdue: d.visits.overdue,
      window_open: d.visits.windowOpen,
      due_30: d.visits.dueIn30Days,
      due_90: d.visits.dueIn90Days,
      active: d.subjects.active,
      completed: d.subjects.completed,
      withdrawn: d.subjects.withdrawn,
      lost_to_follow_up: d.subjects.lost_to_follow_up,
      died: d.subjects.died,
      reconsent_due: d.reconsentDue,
      extension: d.followUp.extension,
      nearing_end: d.followUp.nearingEnd,
      escalations_open: d.escalations.open,
      escalations_overdue: d.escalations.overdue,
      ae_serious: d.adverseEvents.serious,
      ae_malignancy: d.adverseEvents.malignancies,
      queries_open: d.queries.open,
      queries_answered: d.queries.answered,
    })[list];

  it("each list's total is its number, for the monitor and for an investigator", async () => {
    for (const actor of [fx.monitor, fx.investigator]) {
      const dashboard = await getDashboard(getDb(), { actor, asOf: "2025-06-01" });
      for (const list of DASHBOARD_LISTS) {
        const page = await listDashboardItems(getDb(), { actor, asOf: "2025-06-01", list, pageSize: 5 });
        expect({ list, total: page.total }).toEqual({ list, total: numberOf(dashboard, list) });
        expect(page.rows.length).toBe(Math.min(5, page.total));
        if (actor === fx.investigator) expect(page.rows.every((r) => r.siteId === fx.site1.id)).toBe(true);
        const aged = list.startsWith("escalations_") || list.startsWith("queries_");
        expect(page.rows.every((r) => (aged ? r.ageDays !== null && r.ageDays >= 0 : r.ageDays === null))).toBe(true);
      }
    }
  });

  it("pages, sorts and filters on the server: every overdue visit exactly once, by days overdue, by site, visit and minimum delay", async () => {
    const asOf = "2026-11-25";
    const all: string[] = [];
    let previous = Infinity;
    let total = 0;
    for (let page = 1; ; page++) {
      const result = await listDashboardItems(getDb(), { actor: fx.monitor, asOf, list: "overdue", sort: "daysOverdue", direction: "desc", page, pageSize: 40 });
      total = result.total;
      for (const row of result.rows) {
        expect(row.daysOverdue!).toBeLessThanOrEqual(previous);
        expect(row.daysOverdue!).toBeGreaterThan(0);
        previous = row.daysOverdue!;
        all.push(row.key);
      }
      if (result.rows.length < 40) break;
    }
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(total);
    const site2 = await listDashboardItems(getDb(), { actor: fx.monitor, asOf, list: "overdue", siteId: fx.site2.id, pageSize: 200 });
    expect(site2.rows.every((r) => r.siteId === fx.site2.id)).toBe(true);
    expect(site2.total).toBe((await getDashboard(getDb(), { actor: fx.monitor, asOf, siteId: fx.site2.id })).visits.overdue);
    const m12 = await listDashboardItems(getDb(), { actor: fx.monitor, asOf, list: "overdue", item: "m12", pageSize: 200 });
    expect(m12.total).toBeGreaterThan(0);
    expect(m12.rows.every((r) => r.item === "M12")).toBe(true);
    const late = await listDashboardItems(getDb(), { actor: fx.monitor, asOf, list: "overdue", minDaysOverdue: 365, pageSize: 200 });
    expect(late.rows.every((r) => r.daysOverdue! >= 365)).toBe(true);
    expect(late.total).toBeLessThan(total);
    const bySubject = await listDashboardItems(getDb(), { actor: fx.monitor, asOf, list: "overdue", sort: "subject", pageSize: 200 });
    expect(bySubject.rows.map((r) => r.subjectCode)).toEqual([...bySubject.rows.map((r) => r.subjectCode)].sort());
    // The investigator of site 1 cannot list site 2 even by asking for it.
    expect((await listDashboardItems(getDb(), { actor: fx.investigator, asOf, list: "overdue", siteId: fx.site2.id })).total).toBe(0);
  });
});

describe("chart series", () => {
  it("retention by year since dosing and escalations opened per quarter agree with the program", async () => {
    const asOf = "2026-11-25";
    const retention = await getRetentionByYear(getDb(), { actor: fx.monitor, asOf, studyId: fx.studyId });
    for (const point of retention) {
      const reached = program.filter((s) => date(addMonths(day(s.dosingDate), 12 * point.year)) <= asOf);
      const active = reached.filter((s) => s.status === "active" || s.statusDate! > date(addMonths(day(s.dosingDate), 12 * point.year)));
      expect({ year: point.year, reached: point.reached, active: point.active }).toEqual({ year: point.year, reached: reached.length, active: active.length });
    }
    expect(retention[0]).toMatchObject({ year: 0, reached: SUBJECTS });
    const quarters = await getEscalationsByQuarter(getDb(), { actor: fx.monitor, asOf, studyId: fx.studyId });
    expect(quarters.map((q) => q.quarter)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    expect(quarters.reduce((sum, q) => sum + q.opened, 0)).toBe(escalations.filter((e) => e.openedDate >= "2025-01-01" && e.openedDate <= asOf).length);
  });
});
