import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postToken } from "@/app/api/v1/tokens/route";
import { DELETE as deleteToken } from "@/app/api/v1/tokens/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { disconnectDb, getDb } from "@/lib/db/client";
import { setUserDisabled } from "@/lib/organization/users";
import { createOrganizationFixture } from "./fixtures";

let fx: Awaited<ReturnType<typeof createOrganizationFixture>>;
beforeAll(async () => {
  fx = await createOrganizationFixture();
});
afterAll(disconnectDb);

const noParams = { params: Promise.resolve({}) };
const bearer = (token: string, init: RequestInit = {}) => ({ ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

describe("/api/v1 with personal API tokens", () => {
  it("GET /me returns the token owner's id, name, email, role and sites", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.investigator, name: "script" });
    const response = await getMe(new Request("http://test/api/v1/me", bearer(token)), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: fx.investigator.id, email: fx.investigator.email, name: fx.investigator.name, role: "INVESTIGATOR", siteIds: [fx.site1.id] });
    const stored = await getDb().apiToken.findFirstOrThrow({ where: { userId: fx.investigator.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toHaveLength(64);
  });

  it("an unknown token is 401 with a JSON error", async () => {
    const response = await getMe(new Request("http://test/api/v1/me", bearer("ltfu_unknown")), noParams);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("a revoked token stops working; revoking someone else's token is 404", async () => {
    const mine = await createApiToken(getDb(), { actor: fx.sponsor, name: "to revoke" });
    const theirs = await createApiToken(getDb(), { actor: fx.monitor, name: "not mine" });
    const refused = await deleteToken(new Request(`http://test/api/v1/tokens/${theirs.id}`, bearer(mine.token, { method: "DELETE" })), { params: Promise.resolve({ id: theirs.id }) });
    expect(refused.status).toBe(404);
    const revoked = await deleteToken(new Request(`http://test/api/v1/tokens/${mine.id}`, bearer(mine.token, { method: "DELETE" })), { params: Promise.resolve({ id: mine.id }) });
    expect(revoked.status).toBe(204);
    const after = await getMe(new Request("http://test/api/v1/me", bearer(mine.token)), noParams);
    expect(after.status).toBe(401);
    expect((await getMe(new Request("http://test/api/v1/me", bearer(theirs.token)), noParams)).status).toBe(200);
  });

  it("minting a token needs a browser session: a bearer token is refused with 403", async () => {
    const { token } = await createApiToken(getDb(), { actor: fx.sponsor, name: "minter" });
    const response = await postToken(new Request("http://test/api/v1/tokens", bearer(token, { method: "POST", body: "{}" })), noParams);
    expect(response.status).toBe(403);
  });

  it("a disabled user's token is refused", async () => {
    const fx2 = await createOrganizationFixture();
    const { token } = await createApiToken(getDb(), { actor: fx2.monitor, name: "soon disabled" });
    await setUserDisabled(getDb(), { actor: fx2.sponsor, input: { userId: fx2.monitor.id, disabled: true, reason: "left" } });
    expect((await getMe(new Request("http://test/api/v1/me", bearer(token)), noParams)).status).toBe(401);
  });
});
