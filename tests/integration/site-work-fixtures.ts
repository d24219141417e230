import { activatePlanVersionAction, createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { activateConsentVersionAction, createConsentVersionAction, createStudyAction, setStudyMembersAction, updateConsentChecklistAction } from "@/app/(app)/studies/actions";
import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { profileOf } from "@/lib/rules/test-profiles";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { defaultFactorsFor } from "@/lib/validation/product";
import type { TEnrolSubject } from "@/lib/validation/subject";
import { createOrganizationFixture } from "./fixtures";

export const SIGNING_PASSWORD = "sign-me-please-1";
const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });

export function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/**
 * An organisation with a lentiviral product and its study on both sites, an active plan
 * (effective 2015-01-01) and consent version 1, and: investigator (site 1), investigator2
 * (site 2), monitor — all study members, the investigators with a password for signing.
 * `activate: false` leaves plan and consent as drafts.
 */
export async function createSiteWorkFixture(options: { activate?: boolean } = {}) {
  const fx = await createOrganizationFixture();
  const db = getDb();
  const passwordHash = await hashPassword(SIGNING_PASSWORD);
  const user2 = await db.user.create({
    data: { organizationId: fx.organization.id, email: `investigator2-${fx.site2.code.toLowerCase()}@test.test`, name: "Investigator Two", role: "INVESTIGATOR", passwordHash, sites: { create: [{ siteId: fx.site2.id }] } },
  });
  await db.user.update({ where: { id: fx.investigator.id }, data: { passwordHash } });
  const investigator2: Actor = { id: user2.id, email: user2.email, name: user2.name, role: "INVESTIGATOR", organizationId: fx.organization.id, siteIds: [fx.site2.id] };
  const productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti CAR-T", code: `LV-${fx.site1.code}`, modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: `SW-${fx.site1.code}`, title: "Site work", phase: "phase_1", productId, siteIds: [fx.site1.id, fx.site2.id] })).id;
  unwrap(await setStudyMembersAction.run(fx.sponsor, { studyId, userIds: [fx.investigator.id, investigator2.id, fx.monitor.id] }));
  const planId = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" })).id;
  const consentId = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF v1" })).id;
  unwrap(await updateConsentChecklistAction.run(fx.sponsor, { id: consentId, checklist: Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true])) }));
  if (options.activate !== false) {
    unwrap(await activatePlanVersionAction.run(fx.sponsor, { id: planId, effectiveDate: "2015-01-01", reason: "initial plan" }));
    unwrap(await activateConsentVersionAction.run(fx.sponsor, { id: consentId, effectiveDate: "2015-01-01", reason: "initial consent" }));
  }
  return { ...fx, investigator2, productId, studyId, planId, consentId };
}

export type SiteWorkFixture = Awaited<ReturnType<typeof createSiteWorkFixture>>;

export function enrolmentInput(fx: SiteWorkFixture, overrides: Partial<TEnrolSubject> = {}): TEnrolSubject {
  return {
    studyId: fx.studyId,
    code: `S-${Math.random().toString(36).slice(2, 8)}`,
    siteId: fx.site1.id,
    yearOfBirth: 1980,
    sex: "female",
    dosingDate: "2024-02-29",
    lot: "LV-2023-117",
    consentVersion: 1,
    consentDate: "2024-02-01",
    confounders: { lifeExpectancy: "normal" },
    ...overrides,
  };
}

export const COMPLETED_ASSESSMENTS = { history: true, drugExposure: "none", newOrWorsenedDisease: [], physicalExam: true, labs: true, pregnancy: "not_applicable" } as const;

/** Every site-work row of an organisation and its audit count, for before/after comparison. */
export async function siteWorkSnapshot(organizationId: string) {
  const db = getDb();
  const subjects = await db.subject.findMany({
    where: { organizationId },
    include: {
      scheduledVisits: { orderBy: { id: "asc" } },
      visitRecords: { include: { signatures: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } },
      consents: { orderBy: { id: "asc" } },
      contactAttempts: { orderBy: { id: "asc" } },
    },
    orderBy: { id: "asc" },
  });
  const audit = await db.auditLog.count({ where: { organizationId } });
  return { subjects, audit };
}
