import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { changedValues, recordAudit } from "@/lib/audit/record-audit";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TCreateStudy, TSetStudyMembers, TSetStudySites, TUpdateStudy } from "@/lib/validation/study";

async function requireOwnSites(tx: Tx, actor: Actor, siteIds: string[]): Promise<string[]> {
  const unique = [...new Set(siteIds)].sort();
  const found = await tx.site.count({ where: { id: { in: unique }, organizationId: actor.organizationId } });
  if (found !== unique.length) throw new AppError("bad_request", "siteIds: unknown site", "siteIds");
  return unique;
}

/** The study row of the actor's organisation, or not found (tenant from the row). */
export async function requireStudyForChange(tx: Tx, actor: Actor, studyId: string) {
  const study = await tx.study.findFirst({ where: { id: studyId, organizationId: actor.organizationId } });
  if (!study) throw new AppError("not_found", "No such study.");
  return study;
}

export async function createStudy(db: Db, options: { actor: Actor; input: TCreateStudy }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { id: input.productId, organizationId: actor.organizationId } });
    if (!product) throw new AppError("bad_request", "productId: unknown product", "productId");
    const siteIds = await requireOwnSites(tx, actor, input.siteIds);
    const study = await tx.study.create({
      data: {
        organizationId: actor.organizationId,
        productId: product.id,
        protocolNumber: input.protocolNumber,
        title: input.title,
        phase: input.phase,
        ruleSet: input.ruleSet,
        sites: { create: siteIds.map((siteId) => ({ siteId })) },
      },
    });
    await recordAudit(tx, actor, {
      entity: "Study",
      entityId: study.id,
      action: "create",
      newValues: { protocolNumber: study.protocolNumber, title: study.title, phase: study.phase, productId: product.id, ruleSet: study.ruleSet, siteIds },
    });
    return study;
  });
}

export async function updateStudy(db: Db, options: { actor: Actor; input: TUpdateStudy }) {
  const { actor, input } = options;
  const { id, reason, ...changes } = input;
  return db.$transaction(async (tx) => {
    const before = await requireStudyForChange(tx, actor, id);
    const after = await tx.study.update({ where: { id }, data: changes });
    await recordAudit(tx, actor, {
      entity: "Study",
      entityId: id,
      action: "update",
      ...changedValues(changes, before, after),
      reason,
    });
    return after;
  });
}

/** Replace the study's sites; every investigator member keeps at least one of them (else remove them first). */
export async function setStudySites(db: Db, options: { actor: Actor; input: TSetStudySites }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    await requireStudyForChange(tx, actor, input.studyId);
    const siteIds = await requireOwnSites(tx, actor, input.siteIds);
    const stranded = await tx.user.findMany({
      where: { role: "INVESTIGATOR", studies: { some: { studyId: input.studyId } }, sites: { none: { siteId: { in: siteIds } } } },
      select: { email: true },
      orderBy: { email: "asc" },
    });
    if (stranded.length > 0) {
      throw new AppError("unprocessable", `siteIds: investigator ${stranded.map((u) => u.email).join(", ")} would keep no site of the study; keep their site or remove them from the study first`, "siteIds");
    }
    const withSubjects = await tx.site.findMany({ where: { id: { notIn: siteIds }, subjects: { some: { studyId: input.studyId } } }, select: { code: true }, orderBy: { code: "asc" } });
    if (withSubjects.length > 0) {
      throw new AppError("unprocessable", `siteIds: site ${withSubjects.map((s) => s.code).join(", ")} has subjects enrolled in this study and stays one of its sites`, "siteIds");
    }
    const before = (await tx.studySite.findMany({ where: { studyId: input.studyId }, select: { siteId: true } })).map((r) => r.siteId).sort();
    await tx.studySite.deleteMany({ where: { studyId: input.studyId, siteId: { notIn: siteIds } } });
    await tx.studySite.createMany({ data: siteIds.map((siteId) => ({ studyId: input.studyId, siteId })), skipDuplicates: true });
    await recordAudit(tx, actor, { entity: "Study", entityId: input.studyId, action: "update", oldValues: { siteIds: before }, newValues: { siteIds }, reason: input.reason });
    return siteIds;
  });
}

/** Replace the study's members: investigators and monitors of the organisation. */
export async function setStudyMembers(db: Db, options: { actor: Actor; input: TSetStudyMembers }) {
  const { actor, input } = options;
  return db.$transaction(async (tx) => {
    await requireStudyForChange(tx, actor, input.studyId);
    const userIds = [...new Set(input.userIds)].sort();
    const users = await tx.user.findMany({ where: { id: { in: userIds }, organizationId: actor.organizationId }, select: { id: true, role: true, email: true, sites: { select: { siteId: true } } } });
    if (users.length !== userIds.length) throw new AppError("bad_request", "userIds: unknown user", "userIds");
    if (users.some((u) => u.role === "SPONSOR_ADMIN")) throw new AppError("bad_request", "userIds: sponsor administrators see every study and are not members", "userIds");
    const studySiteIds = (await tx.studySite.findMany({ where: { studyId: input.studyId }, select: { siteId: true } })).map((r) => r.siteId);
    const siteless = users.filter((u) => u.role === "INVESTIGATOR" && !u.sites.some((s) => studySiteIds.includes(s.siteId)));
    if (siteless.length > 0) {
      throw new AppError("unprocessable", `userIds: ${siteless.map((u) => u.email).sort().join(", ")} works at none of the study's sites; add the site to the study or to the investigator first`, "userIds");
    }
    const before = (await tx.studyMember.findMany({ where: { studyId: input.studyId }, select: { userId: true } })).map((r) => r.userId).sort();
    await tx.studyMember.deleteMany({ where: { studyId: input.studyId, userId: { notIn: userIds } } });
    await tx.studyMember.createMany({ data: userIds.map((userId) => ({ studyId: input.studyId, userId })), skipDuplicates: true });
    await recordAudit(tx, actor, { entity: "Study", entityId: input.studyId, action: "update", oldValues: { memberIds: before }, newValues: { memberIds: userIds }, reason: input.reason });
    return userIds;
  });
}
