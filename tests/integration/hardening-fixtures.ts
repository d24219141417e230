import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { createConsentVersionAction } from "@/app/(app)/studies/actions";
import { createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { POST as postProduct } from "@/app/api/v1/products/route";
import { POST as postStudy } from "@/app/api/v1/studies/route";
import { PUT as putStudySites } from "@/app/api/v1/studies/[studyId]/sites/route";
import { PUT as putStudyMembers } from "@/app/api/v1/studies/[studyId]/members/route";
import { POST as postConsent } from "@/app/api/v1/studies/[studyId]/consent-versions/route";
import { PATCH as patchConsent } from "@/app/api/v1/studies/[studyId]/consent-versions/[versionId]/route";
import { POST as activateConsent } from "@/app/api/v1/studies/[studyId]/consent-versions/[versionId]/activate/route";
import { POST as postPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/route";
import { PUT as putPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/route";
import { POST as activatePlan } from "@/app/api/v1/studies/[studyId]/plan-versions/[version]/activate/route";
import { POST as validatePlanRoute } from "@/app/api/v1/studies/[studyId]/plan-versions/validate/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import { profileOf } from "@/lib/rules/test-profiles";
import { CONSENT_ITEMS } from "@/lib/validation/consent";
import { defaultFactorsFor } from "@/lib/validation/product";
import { ZPlan } from "@/lib/validation/plan";
import { createOrganizationFixture } from "./fixtures";

export const PROFILE = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
export const FULL_CHECKLIST = Object.fromEntries(CONSENT_ITEMS.map((item) => [item, true]));

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One write route with a valid body: the fuzz suite and the defect tests start from these. */
export interface WriteRoute {
  name: string;
  method: "POST" | "PUT" | "PATCH";
  path: string;
  params: Record<string, string>;
  handler: Handler;
  body: unknown;
  /** The bearer token to call it with, when not the workspace sponsor's (site work is the investigator's). */
  token?: string;
}

/** An organisation with a product, a study, a draft consent version (checklist complete) and a draft plan version. */
export async function createWorkspaceFixture() {
  const fx = await createOrganizationFixture();
  const productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti CAR-T", code: `LV-${fx.organization.id.slice(-6)}`, modality: "car_t", profile: PROFILE, factors: defaultFactorsFor(PROFILE) })).id;
  const studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "CART-LTFU", title: "LTFU", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
  const consent = unwrap(await createConsentVersionAction.run(fx.sponsor, { studyId, title: "ICF", documentRef: "ICF-1", checklist: FULL_CHECKLIST }));
  const draft = unwrap(await createPlanVersionAction.run(fx.sponsor, { studyId, source: "suggested" }));
  const planRow = await getDb().planVersion.findUniqueOrThrow({ where: { id: draft.id } });
  // The canonical form (unknown keys such as the suggestion's citations removed), so that every defect planted in it is a defect.
  const plan = ZPlan.parse(planRow.plan);
  const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "fuzz" });

  const routes: WriteRoute[] = [
    { name: "POST /products", method: "POST", path: "/api/v1/products", params: {}, handler: postProduct as Handler, body: { name: "AAV eye", code: "AAV-9", modality: "in_vivo_gene_therapy", profile: PROFILE } },
    { name: "POST /studies", method: "POST", path: "/api/v1/studies", params: {}, handler: postStudy as Handler, body: { protocolNumber: "P-2", title: "Second", phase: "phase_2", productId, siteIds: [fx.site1.id], ruleSet: "CDE-2021" } },
    { name: "PUT /studies/{id}/sites", method: "PUT", path: `/api/v1/studies/${studyId}/sites`, params: { studyId }, handler: putStudySites as Handler, body: { siteIds: [fx.site1.id, fx.site2.id], reason: "second site" } },
    { name: "PUT /studies/{id}/members", method: "PUT", path: `/api/v1/studies/${studyId}/members`, params: { studyId }, handler: putStudyMembers as Handler, body: { userIds: [fx.monitor.id], reason: "monitor joins" } },
    { name: "POST /consent-versions", method: "POST", path: `/api/v1/studies/${studyId}/consent-versions`, params: { studyId }, handler: postConsent as Handler, body: { title: "ICF 2", documentRef: "ICF-2", checklist: { purpose: true } } },
    { name: "PATCH /consent-versions/{id}", method: "PATCH", path: `/api/v1/studies/${studyId}/consent-versions/${consent.id}`, params: { studyId, versionId: consent.id }, handler: patchConsent as Handler, body: { checklist: { ...FULL_CHECKLIST, purpose: false } } },
    { name: "POST /consent-versions/{id}/activate", method: "POST", path: `/api/v1/studies/${studyId}/consent-versions/${consent.id}/activate`, params: { studyId, versionId: consent.id }, handler: activateConsent as Handler, body: { effectiveDate: "2026-01-01", reason: "first version" } },
    { name: "POST /plan-versions", method: "POST", path: `/api/v1/studies/${studyId}/plan-versions`, params: { studyId }, handler: postPlanVersion as Handler, body: { source: "copy_latest" } },
    { name: "PUT /plan-versions/{v}", method: "PUT", path: `/api/v1/studies/${studyId}/plan-versions/${planRow.version}`, params: { studyId, version: String(planRow.version) }, handler: putPlanVersion as Handler, body: { plan, justifications: {} } },
    { name: "POST /plan-versions/{v}/activate", method: "POST", path: `/api/v1/studies/${studyId}/plan-versions/${planRow.version}/activate`, params: { studyId, version: String(planRow.version) }, handler: activatePlan as Handler, body: { effectiveDate: "2026-01-01", reason: "initial plan" } },
    { name: "POST /plan-versions/validate", method: "POST", path: `/api/v1/studies/${studyId}/plan-versions/validate`, params: { studyId }, handler: validatePlanRoute as Handler, body: { plan } },
  ];
  return { fx, productId, studyId, consentId: consent.id, planVersion: planRow.version, planVersionId: planRow.id, plan, token, routes };
}

/** Call a route handler as the API does, with a bearer token (or other headers) and a JSON body. */
export function callRoute(route: Pick<WriteRoute, "handler" | "method" | "path" | "params">, options: { token?: string; body?: unknown; rawBody?: BodyInit; headers?: Record<string, string> }) {
  const headers: Record<string, string> = { "content-type": "application/json", ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.headers ?? {}) };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const init: RequestInit & { duplex?: "half" } = { method: route.method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return route.handler(new Request(`http://localhost:3000${route.path}`, init), { params: Promise.resolve(route.params) });
}

/**
 * Every table of the schema, as its row count and a digest of its contents: "a refused request
 * writes nothing" (no insert, update or delete) is checked on all of them. A token's
 * informational lastUsedAt is left out.
 */
export async function countAllRows(): Promise<Record<string, string>> {
  const tables = await getDb().$queryRaw<{ tablename: string }[]>`SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const counts: Record<string, string> = {};
  for (const { tablename } of tables) {
    const row = tablename === "api_token" ? `(t.id, t.name, t."revokedAt")::text` : "t::text";
    const [result] = await getDb().$queryRawUnsafe<{ n: bigint; digest: string | null }[]>(`SELECT count(*) AS n, md5(string_agg(${row}, ',' ORDER BY ${row})) AS digest FROM "${tablename}" t`);
    counts[tablename] = `${result!.n} rows, ${result!.digest ?? "-"}`;
  }
  return counts;
}
