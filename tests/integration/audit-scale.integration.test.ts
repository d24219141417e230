import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProductAction } from "@/app/(app)/sponsor/products/actions";
import { updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { createStudyAction } from "@/app/(app)/studies/actions";
import { POST as postPlanVersion } from "@/app/api/v1/studies/[studyId]/plan-versions/route";
import { runWithRequestMetadata } from "@/lib/audit/request-context";
import { AUDIT_DIFF_THRESHOLD_CHARS, recordAudit } from "@/lib/audit/record-audit";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { profileOf } from "@/lib/rules/test-profiles";
import { ZPlan } from "@/lib/validation/plan";
import { defaultFactorsFor } from "@/lib/validation/product";
import { createOrganizationFixture } from "./fixtures";

const LENTI = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
let studyId: string;

function unwrap<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeAll(async () => {
  fx = await createOrganizationFixture();
  const productId = unwrap(await createProductAction.run(fx.sponsor, { name: "Lenti", code: "AUD-1", modality: "car_t", profile: LENTI, factors: defaultFactorsFor(LENTI) })).id;
  studyId = unwrap(await createStudyAction.run(fx.sponsor, { protocolNumber: "AUD-1", title: "Audit", phase: "phase_1", productId, siteIds: [fx.site1.id] })).id;
});
afterAll(disconnectDb);

describe("audit records carry the request behind the change", () => {
  it("an API call with a token: address (last X-Forwarded-For hop), user agent, request id, method 'token'", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "script" });
    const response = await postPlanVersion(
      new Request(`http://t/api/v1/studies/${studyId}/plan-versions`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "6.6.6.6, 203.0.113.9", "user-agent": "ltfu-sync/1.2", "x-request-id": "req-4711" },
        body: JSON.stringify({ source: "suggested" }),
      }),
      { params: Promise.resolve({ studyId }) },
    );
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "PlanVersion", entityId: id, action: "create" } });
    expect(audit).toMatchObject({ requestIp: "203.0.113.9", userAgent: "ltfu-sync/1.2", requestId: "req-4711", authMethod: "token", actorId: fx.sponsor.id });
  });

  it("a malformed request id is replaced by a fresh one; a command's records say 'command'", async () => {
    await runWithRequestMetadata({ requestIp: null, userAgent: null, requestId: "kept-1", authMethod: "session" }, async () => {
      unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: (await latestDraft()).id, plan: ZPlan.parse((await latestDraft()).plan), justifications: {} }));
    });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "PlanVersion", action: "update", organizationId: fx.organization.id }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ requestId: "kept-1", authMethod: "session" });

    const { requestMetadataFromHeaders } = await import("@/lib/audit/request-context");
    const metadata = requestMetadataFromHeaders(new Headers({ "x-request-id": "bad id with spaces" }), "session");
    expect(metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(metadata.requestIp).toBeNull();

    await getDb().$transaction((tx) => recordAudit(tx, { system: "test-command" }, { entity: "Site", entityId: fx.site1.id, action: "update", organizationId: fx.organization.id, newValues: { name: "x" } }));
    const command = await getDb().auditLog.findFirstOrThrow({ where: { actorEmail: "system:test-command", entityId: fx.site1.id } });
    expect(command).toMatchObject({ authMethod: "command", requestIp: null, requestId: null });
  });
});

async function latestDraft() {
  return getDb().planVersion.findFirstOrThrow({ where: { studyId, status: "DRAFT" }, orderBy: { version: "desc" } });
}

describe("a large document is audited as its changes, not twice whole", () => {
  it("a plan save records the edited cells with their old and new values", async () => {
    const draft = await latestDraft();
    const plan = ZPlan.parse(draft.plan);
    expect(JSON.stringify(plan).length * 2).toBeGreaterThan(AUDIT_DIFF_THRESHOLD_CHARS);
    const edited = structuredClone(plan);
    const m12 = edited.visits.findIndex((v) => v.offsetMonths === 12);
    edited.visits[m12]!.windowDaysAfter = 21;
    unwrap(await updatePlanDraftAction.run(fx.sponsor, { id: draft.id, plan: edited, justifications: {}, durationOverrideJustification: "longer window" }));

    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "PlanVersion", entityId: draft.id, action: "update" }, orderBy: { id: "desc" } });
    expect(audit.oldValues).toBeNull();
    expect(audit.newValues).toBeNull();
    expect(audit.changes).toEqual([
      { path: "/durationOverrideJustification", old: null, new: "longer window" },
      { path: `/plan/visits/${m12}/windowDaysAfter`, old: plan.visits[m12]!.windowDaysAfter, new: 21 },
    ]);
  });

  it("a small change keeps old and new values whole", async () => {
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entity: "Study", entityId: studyId, action: "create" } });
    expect(audit.changes).toBeNull();
    expect(audit.newValues).toMatchObject({ protocolNumber: "AUD-1" });
  });

  it("the audit page's query is served by the (organizationId, id) index", async () => {
    // With sequential scans priced out, the planner shows which index matches the query (on a small table it might not bother).
    const plan = await getDb().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT * FROM audit_log WHERE "organizationId" = $1 ORDER BY id DESC LIMIT 200`, fx.organization.id);
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(/audit_log_organizationId_id_idx/);
  });
});

describe("site scope fails closed", () => {
  it("the sites accessor returns nothing without the actor's scope, and only the assigned sites for an investigator", async () => {
    expect(await listSites(getDb(), { actor: null as never })).toEqual([]);
    expect(await listSites(getDb(), { actor: { ...fx.investigator, siteIds: [] } })).toEqual([]);
    expect((await listSites(getDb(), { actor: fx.investigator })).map((s) => s.id)).toEqual([fx.site1.id]);
    expect((await listSites(getDb(), { actor: fx.sponsor })).map((s) => s.id).sort()).toEqual([fx.site1.id, fx.site2.id].sort());
  });
});
