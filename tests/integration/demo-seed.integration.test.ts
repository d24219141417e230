import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { listSubjectPage, listSubjects } from "@/lib/db/subjects";
import { getActorByUserId } from "@/lib/db/users";
import { listWorklistSections, listWorklistVisits, WORKLIST_SECTIONS } from "@/lib/db/visit-status";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";
import { todayCalendarDate } from "@/lib/subjects/today";
import { seedDemo } from "@/prisma/seed-demo";
import { hashPassword } from "@/lib/auth/password";
import { getDashboard } from "@/lib/db/dashboard";
import { getSubject } from "@/lib/db/subjects";
import { createOrganizationFixture } from "./fixtures";
import { expectRawReadsEqualPrisma } from "./subject-reads";

afterAll(disconnectDb);

describe("demo data", () => {
  it("seeds a lentiviral CAR-T study on both sites with 40 subjects in every state, once", { timeout: 180_000 }, async () => {
    const db = getDb();
    expect(await seedDemo(db)).toBe(true);
    expect(await seedDemo(db)).toBe(false);
    const investigator2 = await db.user.findUniqueOrThrow({ where: { email: "investigator2@demo.test" }, include: { sites: { include: { site: true } } } });
    expect(investigator2.sites.map((s) => s.site.code)).toEqual(["BJ-02"]);
    const study = await db.study.findFirstOrThrow({ where: { protocolNumber: "CART19-LTFU-01" }, include: { sites: { include: { site: true } }, planVersions: true, consentVersions: true } });
    expect(study.sites.map((s) => s.site.code).sort()).toEqual(["BJ-02", "SH-01"]);
    expect(study.planVersions.map((p) => [p.version, p.status]).sort()).toEqual([
      [1, "SUPERSEDED"],
      [2, "ACTIVE"],
    ]);
    const subjects = await db.subject.groupBy({ by: ["status"], where: { studyId: study.id }, _count: true });
    const byStatus = Object.fromEntries(subjects.map((s) => [s.status, s._count]));
    expect(byStatus).toMatchObject({ withdrawn: 2, lost_to_follow_up: 1, died: 1 });
    expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(40);
    const where = { subject: { studyId: study.id } };
    expect(await db.visitRecord.count({ where: { ...where, status: "missed" } })).toBeGreaterThan(0);
    expect(await db.visitSignature.count({ where: { visitRecord: where, voidedAt: null } })).toBeGreaterThan(50);
    expect(await db.visitRecord.count({ where: { ...where, planVersion: 2 } })).toBeGreaterThan(0);
    for (const email of ["investigator@demo.test", "investigator2@demo.test"]) {
      const actor = (await getActorByUserId(db, { userId: (await db.user.findUniqueOrThrow({ where: { email } })).id }))!;
      const worklist = await listWorklistVisits(db, { actor, asOf: todayCalendarDate() });
      expect(worklist.some((v) => v.status === "overdue")).toBe(true);
      expect(worklist.length).toBeGreaterThan(1);
      // Paged on the server (the /investigator page): each section's pages, in order, are that
      // section of the whole list; a page past the end is empty with the total kept.
      const in30 = new Date(Date.parse(`${todayCalendarDate()}T00:00:00Z`) + 30 * 86_400_000);
      const expected = {
        overdue: worklist.filter((v) => v.status === "overdue"),
        window_open: worklist.filter((v) => v.status === "window_open"),
        due_soon: worklist.filter((v) => v.status === "upcoming" && v.targetDate.getTime() <= in30.getTime()),
      };
      const key = (v: { subjectId: string; visitId: string; planVersion: number | null }) => `${v.subjectId}/${v.visitId}/${v.planVersion}`;
      for (const section of WORKLIST_SECTIONS) {
        const pageSize = 2;
        const paged = [];
        const first = await listWorklistSections(db, { actor, asOf: todayCalendarDate(), pageSize });
        expect(first[section].total).toBe(expected[section].length);
        expect(first[section].pages).toBe(Math.max(1, Math.ceil(expected[section].length / pageSize)));
        for (let page = 1; page <= first[section].pages; page++) {
          const shown = (await listWorklistSections(db, { actor, asOf: todayCalendarDate(), pageSize, pages: { [section]: page } }))[section];
          expect(shown.page).toBe(page);
          expect(shown.rows.length).toBeLessThanOrEqual(pageSize);
          paged.push(...shown.rows);
        }
        expect(paged.map(key)).toEqual(expected[section].map(key));
        const past = (await listWorklistSections(db, { actor, asOf: todayCalendarDate(), pageSize, pages: { [section]: first[section].pages + 1 } }))[section];
        expect(past.rows).toEqual([]);
        expect(past.total).toBe(expected[section].length);
      }
    }
  });

  it("has an open escalation with its retest, a resolved one, 3-monthly monitoring and an extended subject", { timeout: 240_000 }, async () => {
    const db = getDb();
    // Seeded by the test above (this file seeds first: the safety demo is part of seedDemo).
    const organization = await db.organization.findFirstOrThrow({ where: { name: { startsWith: "Demo" } } });
    const escalations = await db.escalation.findMany({ where: { organizationId: organization.id } });
    const byTrigger = (trigger: string) => escalations.filter((e) => e.trigger === trigger);
    expect(byTrigger("dominant_clone").map((e) => e.status)).toEqual(["open"]);
    expect(byTrigger("suspected_related_ae").map((e) => [e.status, Boolean(e.note)])).toEqual([["resolved", true]]);
    expect(byTrigger("clonal_expansion_or_oncogene_site").map((e) => e.status)).toEqual(["open"]);
    expect(byTrigger("vector_positive_above_expected")).toHaveLength(1);
    expect(byTrigger("persistence_at_period_end")).toHaveLength(1);

    const investigator = (await getActorByUserId(db, { userId: (await db.user.findUniqueOrThrow({ where: { email: "investigator@demo.test" } })).id }))!;
    const today = todayCalendarDate();
    const retest = await getSubjectSchedule(db, { actor: investigator, subjectId: byTrigger("dominant_clone")[0]!.subjectId, asOf: today });
    expect(retest.schedule.visits.filter((v) => v.source === "escalation").map((v) => v.visitId)).toEqual([expect.stringMatching(/^RT-\d{8}$/)]);

    const extended = await db.subject.findUniqueOrThrow({ where: { id: byTrigger("persistence_at_period_end")[0]!.subjectId } });
    expect(extended.code).toBe("SH01-F901");
    expect((await listSubjectExtensions(db, [extended], today)).get(extended.id)).toMatchObject({ active: true });
    const schedule = await getSubjectSchedule(db, { actor: investigator, subjectId: extended.id, asOf: today });
    expect(schedule.schedule.visits.some((v) => v.source === "extension")).toBe(true);
    const notExtended = await db.subject.findFirstOrThrow({ where: { code: "SH01-F902" } });
    expect((await listSubjectExtensions(db, [notExtended], today)).get(notExtended.id)).toEqual({ active: false, since: null });
    // The AAV study's five annual visits were held and signed: none of its planned visits is years overdue.
    for (const subject of [extended, notExtended]) {
      const { schedule: held } = await getSubjectSchedule(db, { actor: investigator, subjectId: subject.id, asOf: today });
      expect(held.visits.filter((v) => v.source === "plan").map((v) => v.status)).toEqual(["completed", "completed", "completed", "completed", "completed"]);
      expect(await db.visitSignature.count({ where: { visitRecord: { subjectId: subject.id }, voidedAt: null } })).toBe(5);
    }
  });

  it("has queries in every state, raised by the monitor, answered by the site, audited", async () => {
    const db = getDb();
    const monitor = await db.user.findUniqueOrThrow({ where: { email: "monitor@demo.test" } });
    const queries = await db.query.findMany({ where: { organizationId: monitor.organizationId }, include: { messages: true } });
    const byStatus = (status: string) => queries.filter((q) => q.status === status).length;
    expect([byStatus("open"), byStatus("answered"), byStatus("closed")]).toEqual([expect.any(Number), 1, 1]);
    expect(byStatus("open")).toBeGreaterThanOrEqual(2);
    expect(queries.every((q) => q.raisedById === monitor.id && q.messages[0]!.kind === "raise")).toBe(true);
    expect(await db.auditLog.count({ where: { entity: "Query", entityId: { in: queries.map((q) => q.id) } } })).toBe(queries.length + 3);
  });

  it("reads every demo subject's page data through raw SQL exactly as Prisma reads it, for each demo user", { timeout: 120_000 }, async () => {
    const db = getDb();
    // Seeded by the first test of this file.
    const organization = await db.organization.findFirstOrThrow({ where: { name: { startsWith: "Demo" } } });
    const subjectIds = (await db.subject.findMany({ where: { organizationId: organization.id }, select: { id: true }, orderBy: { code: "asc" } })).map((s) => s.id);
    const totals: Record<string, number> = {};
    for (const email of ["sponsor@demo.test", "monitor@demo.test", "investigator@demo.test", "investigator2@demo.test"]) {
      const actor = (await getActorByUserId(db, { userId: (await db.user.findUniqueOrThrow({ where: { email } })).id }))!;
      const compared = await expectRawReadsEqualPrisma(db, actor, subjectIds);
      if (actor.role === "INVESTIGATOR") expect(compared.outOfScope).toBeGreaterThan(0);
      else expect(compared.outOfScope).toBe(0);
      for (const [kind, n] of Object.entries(compared)) totals[kind] = (totals[kind] ?? 0) + n;
    }
    // Not vacuous: every kind of row the subject page shows was compared.
    for (const kind of ["subjects", "records", "signatures", "adverseEvents", "results", "escalations", "queries", "messages", "planVersions"]) expect(totals[kind], kind).toBeGreaterThan(0);
  });

  it("pages the subject list on the server: the pages in order are the whole scoped list, and each filter picks what it names", async () => {
    const db = getDb();
    for (const email of ["monitor@demo.test", "investigator2@demo.test"]) {
      const actor = (await getActorByUserId(db, { userId: (await db.user.findUniqueOrThrow({ where: { email } })).id }))!;
      const all = (await listSubjects(db, { actor })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : 1));
      expect(all.length).toBeGreaterThan(7);
      const pageSize = 7;
      const paged = [];
      for (let page = 1; page <= Math.ceil(all.length / pageSize); page++) {
        const { rows, total } = await listSubjectPage(db, { actor, page, pageSize });
        expect(total).toBe(all.length);
        paged.push(...rows);
      }
      expect(paged).toEqual(all);
      expect(await listSubjectPage(db, { actor, page: 99, pageSize })).toEqual({ rows: [], total: all.length });
      const withdrawn = all.filter((s) => s.status === "withdrawn");
      const site = all[0]!.siteId;
      const study = all[all.length - 1]!.studyId;
      const cases: Array<[Parameters<typeof listSubjectPage>[1], typeof all]> = [
        [{ actor, status: "withdrawn", page: 1, pageSize: 100 }, withdrawn],
        [{ actor, siteId: site, page: 1, pageSize: 100 }, all.filter((s) => s.siteId === site)],
        [{ actor, studyId: study, status: "active", page: 1, pageSize: 100 }, all.filter((s) => s.studyId === study && s.status === "active")],
        [{ actor, code: all[3]!.code.slice(-4).toLowerCase(), page: 1, pageSize: 100 }, all.filter((s) => s.code.toLowerCase().includes(all[3]!.code.slice(-4).toLowerCase()))],
        // LIKE's wildcards are taken literally.
        [{ actor, code: "%", page: 1, pageSize: 100 }, []],
        [{ actor, code: "_", page: 1, pageSize: 100 }, []],
      ];
      for (const [options, expected] of cases) expect(await listSubjectPage(db, options)).toEqual({ rows: expected, total: expected.length });
    }
  });

  it("a member whose study membership ended, or a user of another organisation, reads none of those subjects: pages, worklist, dashboard", { timeout: 120_000 }, async () => {
    const db = getDb();
    const organization = await db.organization.findFirstOrThrow({ where: { name: { startsWith: "Demo" } } });
    const cart = await db.study.findFirstOrThrow({ where: { protocolNumber: "CART19-LTFU-01" } });
    const aav = await db.study.findFirstOrThrow({ where: { protocolNumber: { startsWith: "F9-AAV" } } });
    const sh01 = await db.site.findFirstOrThrow({ where: { organizationId: organization.id, code: "SH-01" } });
    const subjectIds = await db.subject.findMany({ where: { organizationId: organization.id }, select: { id: true, studyId: true } });
    const passwordHash = await hashPassword("ended-member-1");
    const stamp = Date.now().toString(36);
    // A monitor and an investigator (SH-01) of both demo studies, then taken off the AAV study (setStudyMembers ends the membership, it keeps the row).
    const users = await Promise.all(
      (["MONITOR", "INVESTIGATOR"] as const).map((role) =>
        db.user.create({ data: { organizationId: organization.id, email: `ended-${role.toLowerCase()}-${stamp}@demo.test`, name: `Ended ${role}`, role, passwordHash, ...(role === "INVESTIGATOR" ? { sites: { create: [{ siteId: sh01.id, organizationId: organization.id }] } } : {}) } }),
      ),
    );
    for (const user of users) for (const study of [cart, aav]) await db.studyMember.create({ data: { organizationId: organization.id, studyId: study.id, userId: user.id } });
    await db.studyMember.updateMany({ where: { studyId: aav.id, userId: { in: users.map((u) => u.id) } }, data: { endedAt: new Date() } });
    const today = todayCalendarDate();
    for (const user of users) {
      const actor = (await getActorByUserId(db, { userId: user.id }))!;
      const aavSubjects = subjectIds.filter((s) => s.studyId === aav.id);
      expect(aavSubjects.length).toBeGreaterThan(0);
      for (const subject of aavSubjects) expect(await getSubject(db, { actor, subjectId: subject.id })).toBeNull();
      expect((await listSubjectPage(db, { actor, studyId: aav.id, page: 1, pageSize: 100 })).total).toBe(0);
      expect((await listSubjectPage(db, { actor, studyId: cart.id, page: 1, pageSize: 100 })).total).toBeGreaterThan(0);
      const compared = await expectRawReadsEqualPrisma(db, actor, subjectIds.map((s) => s.id));
      expect(compared.outOfScope).toBeGreaterThanOrEqual(aavSubjects.length);
      expect((await getDashboard(db, { actor, asOf: today, studyId: aav.id })).sites).toEqual([]);
      if (actor.role === "INVESTIGATOR") {
        const worklist = await listWorklistVisits(db, { actor, asOf: today });
        expect(worklist.length).toBeGreaterThan(0);
        expect(worklist.filter((v) => v.studyId === aav.id)).toEqual([]);
      }
    }
    // Another organisation's users read nothing of the demo organisation.
    const other = await createOrganizationFixture();
    for (const actor of [other.sponsor, other.monitor, other.investigator]) {
      const compared = await expectRawReadsEqualPrisma(db, actor, subjectIds.map((s) => s.id));
      expect(compared.outOfScope).toBe(subjectIds.length);
    }
  });
});
