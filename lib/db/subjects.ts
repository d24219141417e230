import "server-only";
import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The subjects an actor may see, the one scope of every subject, schedule, visit and
 * signature query: the sponsor administrator sees the organisation's; a monitor the subjects
 * of the studies they are members of; an investigator only those at their assigned sites of
 * those studies. Anything outside is "not found".
 */
export function subjectScopeFilter(actor: Actor): Prisma.SubjectWhereInput {
  if (actor.role === "SPONSOR_ADMIN") return { organizationId: actor.organizationId };
  const member = { study: { members: { some: { userId: actor.id } } } };
  if (actor.role === "MONITOR") return { organizationId: actor.organizationId, ...member };
  return { organizationId: actor.organizationId, siteId: { in: actor.siteIds }, ...member };
}

export const subjectSelect = {
  id: true,
  organizationId: true,
  studyId: true,
  siteId: true,
  code: true,
  yearOfBirth: true,
  sex: true,
  dosingDate: true,
  lot: true,
  status: true,
  statusDate: true,
  statusReason: true,
  deathCause: true,
  consentVersion: true,
  consentDate: true,
  confounders: true,
  version: true,
  createdAt: true,
  site: { select: { id: true, code: true, name: true } },
  study: { select: { id: true, protocolNumber: true, title: true, consentVersions: { where: { status: "ACTIVE" }, select: { version: true } } } },
} as const satisfies Prisma.SubjectSelect;

export type SubjectRow = Prisma.SubjectGetPayload<{ select: typeof subjectSelect }>;

/** One subject in the actor's scope, or null. */
export async function getSubject(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<SubjectRow | null> {
  return db.subject.findFirst({ where: { id: options.subjectId, ...subjectScopeFilter(options.actor) }, select: subjectSelect });
}

/** A study's subjects in the actor's scope, by code. */
export async function listSubjects(db: Db, options: { actor: Actor; studyId?: string; siteId?: string }): Promise<SubjectRow[]> {
  return db.subject.findMany({
    where: { ...subjectScopeFilter(options.actor), ...(options.studyId ? { studyId: options.studyId } : {}), ...(options.siteId ? { siteId: options.siteId } : {}) },
    select: subjectSelect,
    orderBy: [{ code: "asc" }],
  });
}

export const signatureSelect = { id: true, signerName: true, signerEmail: true, meaning: true, signedAt: true, voidedAt: true, voidedReason: true, recordVersion: true } as const;

const visitRecordInclude = { signatures: { select: signatureSelect, orderBy: { signedAt: "desc" } } } as const satisfies Prisma.VisitRecordInclude;
export type VisitRecordRow = Prisma.VisitRecordGetPayload<{ include: typeof visitRecordInclude }>;

/** The visit records of a subject in the actor's scope (empty when out of scope), by date. */
export async function listVisitRecords(db: Db | Tx, options: { actor: Actor; subjectId: string }): Promise<VisitRecordRow[]> {
  return db.visitRecord.findMany({
    where: { subjectId: options.subjectId, subject: subjectScopeFilter(options.actor) },
    include: visitRecordInclude,
    orderBy: [{ date: "asc" }, { visitId: "asc" }],
  });
}

/** One visit record of a subject in the actor's scope, or null. */
export async function getVisitRecord(db: Db | Tx, options: { actor: Actor; subjectId: string; recordId: string }): Promise<VisitRecordRow | null> {
  return db.visitRecord.findFirst({ where: { id: options.recordId, subjectId: options.subjectId, subject: subjectScopeFilter(options.actor) }, include: visitRecordInclude });
}

/** The stored schedule rows of a subject in the actor's scope, by target date. */
export async function listScheduledVisits(db: Db | Tx, options: { actor: Actor; subjectId: string }) {
  return db.scheduledVisit.findMany({ where: { subjectId: options.subjectId, subject: subjectScopeFilter(options.actor) }, orderBy: [{ targetDate: "asc" }, { visitId: "asc" }] });
}

/** Contact attempts of a subject in the actor's scope. */
export async function listContactAttempts(db: Db, options: { actor: Actor; subjectId: string }) {
  return db.contactAttempt.findMany({ where: { subjectId: options.subjectId, subject: subjectScopeFilter(options.actor) }, orderBy: { date: "asc" } });
}

/** The plan versions that apply to a study's subjects: activated ones (active and superseded), with their dates. */
export async function listAppliedPlanVersions(db: Db | Tx, options: { studyId: string }) {
  return appliedPlanVersionsOfRequest(db, options.studyId);
}

/** Memoised for the current render only (React `cache`); outside a render every call queries. */
const appliedPlanVersionsOfRequest = cache(async (db: Db | Tx, studyId: string) =>
  db.planVersion.findMany({
    where: { studyId, status: { in: ["ACTIVE", "SUPERSEDED"] }, effectiveDate: { not: null } },
    select: { version: true, effectiveDate: true, plan: true, status: true },
    orderBy: { version: "asc" },
  }),
);

/**
 * Studies where the actor can enrol: an investigator's studies with an active plan and an
 * active consent version, each with the actor's sites among its sites.
 */
export async function listEnrollableStudies(db: Db, options: { actor: Actor }) {
  const { actor } = options;
  if (actor.role !== "INVESTIGATOR") return [];
  const studies = await db.study.findMany({
    where: {
      organizationId: actor.organizationId,
      members: { some: { userId: actor.id } },
      planVersions: { some: { status: "ACTIVE" } },
      consentVersions: { some: { status: "ACTIVE" } },
      sites: { some: { siteId: { in: actor.siteIds } } },
    },
    select: {
      id: true,
      protocolNumber: true,
      title: true,
      consentVersions: { where: { status: "ACTIVE" }, select: { version: true } },
      sites: { where: { siteId: { in: actor.siteIds } }, select: { site: { select: { id: true, code: true, name: true } } }, orderBy: { site: { code: "asc" } } },
    },
    orderBy: { protocolNumber: "asc" },
  });
  return studies.map((s) => ({ id: s.id, protocolNumber: s.protocolNumber, title: s.title, consentVersion: s.consentVersions[0]!.version, sites: s.sites.map((x) => x.site) }));
}
