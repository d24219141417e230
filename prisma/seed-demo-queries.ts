import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { getActorByUserId } from "@/lib/db/users";
import { raiseQuery, transitionQuery } from "@/lib/queries/queries";

async function actorFor(db: Db, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return (await getActorByUserId(db, { userId: user.id }))!;
}

/**
 * Data clarification in the demo program, through the same services as the UI and the API
 * (audited): an open query on a recorded visit and one on an adverse event at SH-01, one
 * answered and awaiting the monitor, one closed, and an open one at BJ-02. Once: does nothing
 * when the demo organisation has queries, or no subjects yet.
 */
export async function seedDemoQueries(db: Db): Promise<boolean> {
  const monitorUser = await db.user.findUnique({ where: { email: "monitor@demo.test" }, select: { organizationId: true } });
  if (!monitorUser) return false;
  if (await db.query.findFirst({ where: { organizationId: monitorUser.organizationId } })) return false;
  const monitor = await actorFor(db, "monitor@demo.test");
  const investigator = await actorFor(db, "investigator@demo.test");
  const investigator2 = await actorFor(db, "investigator2@demo.test");
  const recorded = (siteIds: string[]) =>
    db.visitRecord.findMany({
      where: { subject: { organizationId: monitor.organizationId, siteId: { in: siteIds }, status: "active" }, status: "completed", unscheduled: false },
      orderBy: [{ date: "asc" }, { id: "asc" }],
      select: { id: true, subjectId: true, visitId: true },
      take: 3,
    });
  const sh = await recorded(investigator.siteIds);
  const bj = await recorded(investigator2.siteIds);
  if (sh.length < 3 || bj.length < 1) return false;

  const raise = (subjectId: string, type: "subject" | "visit" | "adverse_event", id: string, text: string) => raiseQuery(db, { actor: monitor, input: { subjectId, target: { type, id }, text } });
  await raise(sh[0]!.subjectId, "visit", sh[0]!.id, `${sh[0]!.visitId}: the visit date differs from the source document (clinic log). Please confirm the date.`);
  const ae = await db.adverseEvent.findFirst({ where: { organizationId: monitor.organizationId, siteId: { in: investigator.siteIds } }, select: { id: true, subjectId: true } });
  if (ae) await raise(ae.subjectId, "adverse_event", ae.id, "Please give the outcome date and attach the discharge letter.");
  const answered = await raise(sh[1]!.subjectId, "subject", sh[1]!.subjectId, "Please confirm the product lot against the pharmacy dispensing log.");
  await transitionQuery(db, { actor: investigator, queryId: answered.id, step: "answer", text: "Checked: the lot matches the pharmacy log (page 14)." });
  const closed = await raise(sh[2]!.subjectId, "visit", sh[2]!.id, `${sh[2]!.visitId}: the physical examination is not ticked although the note mentions it.`);
  await transitionQuery(db, { actor: investigator, queryId: closed.id, step: "answer", text: "Corrected: the examination was done and is now recorded." });
  await transitionQuery(db, { actor: monitor, queryId: closed.id, step: "close", text: "Verified against the source." });
  await raise(bj[0]!.subjectId, "visit", bj[0]!.id, `${bj[0]!.visitId}: contact mode is "phone" but labs are recorded. Please clarify.`);
  return true;
}
