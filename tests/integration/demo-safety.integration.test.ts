import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { listSubjectExtensions } from "@/lib/safety-records/extensions";
import { getSubjectSchedule } from "@/lib/subjects/subject-schedule";
import { todayCalendarDate } from "@/lib/subjects/today";
import { seedDemo } from "@/prisma/seed-demo";

afterAll(disconnectDb);

describe("demo safety data", () => {
  it("has an open escalation with its retest, a resolved one, 3-monthly monitoring and an extended subject", { timeout: 240_000 }, async () => {
    const db = getDb();
    await seedDemo(db);
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
  });
});
