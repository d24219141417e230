import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ZCreateAccount, type TCreateAccount } from "@/lib/validation/account";

/**
 * Create a real account from the command line (`npm run user:create`): the way to get a
 * first sponsor administrator outside demo mode. Creates the organisation when named and
 * new. Audited as the system actor "user-create".
 */
export async function createAccount(db: Db, raw: unknown): Promise<{ userId: string; organizationId: string }> {
  const input: TCreateAccount = ZCreateAccount.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const actor = { system: "user-create" };
    let organization = input.organization ? await tx.organization.findFirst({ where: { name: input.organization } }) : null;
    if (!organization) {
      const all = await tx.organization.findMany({ take: 2 });
      if (input.organization) {
        organization = await tx.organization.create({ data: { name: input.organization } });
        await recordAudit(tx, actor, { entity: "Organization", entityId: organization.id, action: "create", newValues: { name: organization.name }, organizationId: organization.id });
      } else if (all.length === 1) {
        organization = all[0]!;
      } else {
        throw new AppError("bad_request", all.length === 0 ? "--organization: no organisation exists yet; name the sponsor organisation to create" : "--organization: several organisations exist; name one", "organization", {
          key: all.length === 0 ? "refusal.organizationNone" : "refusal.organizationAmbiguous",
        });
      }
    }
    const sites = await tx.site.findMany({ where: { organizationId: organization.id, code: { in: input.sites } } });
    const missing = input.sites.filter((code) => !sites.some((s) => s.code === code));
    if (missing.length > 0) throw new AppError("bad_request", `--site: unknown site code ${missing.join(", ")}`, "sites", { key: "refusal.unknownSiteCode", params: { codes: missing.join(", ") } });
    const user = await tx.user.create({
      data: { organizationId: organization.id, email: input.email, name: input.name ?? input.email, role: input.role, passwordHash, sites: { create: sites.map((s) => ({ siteId: s.id, organizationId: organization.id })) } },
    });
    await recordAudit(tx, actor, {
      entity: "User",
      entityId: user.id,
      action: "create",
      organizationId: organization.id,
      newValues: { email: user.email, name: user.name, role: user.role, siteIds: sites.map((s) => s.id).sort() },
    });
    return { userId: user.id, organizationId: organization.id };
  });
}
