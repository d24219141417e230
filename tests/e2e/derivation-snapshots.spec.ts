import { expect, test } from "@playwright/test";
import pg from "pg";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { suggestPlan } from "@/lib/rules/suggest-plan";
import { profileOf } from "@/lib/rules/test-profiles";
import { defaultFactorsFor } from "@/lib/validation/product";
import { login } from "./fixtures";

/**
 * A product whose stored derivation came from an earlier rules engine ("0-legacy": clinical
 * visits every 24 months), with a plan activated against it. Today's engine derives yearly
 * visits: both pages show the two derivations side by side, nothing changes by itself, and a
 * deliberate re-assessment stores today's derivation as a new profile version.
 */
test("a derivation from an earlier engine: shown beside today's, re-assessed deliberately, the activated plan untouched", async ({ page }) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const profile = profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" });
  const today = deriveRequirements(profile);
  const legacy = { ...today, requirements: today.requirements.map((r) => (r.kind === "clinical_visit" ? { ...r, maxIntervalMonths: 24 } : r)) };
  const plan = suggestPlan(legacy);

  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; organizationId: string }>(`SELECT id, "organizationId" FROM app_user WHERE email = 'sponsor@demo.test'`);
    const sponsor = rows[0]!;
    const o = sponsor.organizationId;
    await client.query(`INSERT INTO product (id, "organizationId", name, code, modality, "updatedAt") VALUES ($1, $2, $3, $4, 'car_t', now())`, [`p-${tag}`, o, `Legacy ${tag}`, `LEG-${tag}`]);
    await client.query(
      `INSERT INTO risk_profile_version (id, "organizationId", "productId", version, profile, factors, derivation, "ruleSet", "engineVersion", "createdById") VALUES ($1, $2, $3, 1, $4, $5, $6, 'CDE-2021', '0-legacy', $7)`,
      [`rpv-${tag}`, o, `p-${tag}`, JSON.stringify(profile), JSON.stringify(defaultFactorsFor(profile)), JSON.stringify(legacy), sponsor.id],
    );
    await client.query(`INSERT INTO study (id, "organizationId", "productId", "protocolNumber", title, phase, "updatedAt") VALUES ($1, $2, $3, $4, 'Legacy study', 'phase_1', now())`, [`s-${tag}`, o, `p-${tag}`, `LEG-${tag}`]);
    await client.query(
      `INSERT INTO plan_version (id, "organizationId", "studyId", "productId", version, status, plan, "riskProfileVersion", derivation, "ruleSet", "engineVersion", "effectiveDate", "amendmentReason", "activatedAt", "activatedById", "createdById", "updatedAt")
       VALUES ($1, $2, $3, $4, 1, 'ACTIVE', $5, 1, $6, 'CDE-2021', '0-legacy', '2026-01-01', 'initial', now(), $7, $7, now())`,
      [`pv-${tag}`, o, `s-${tag}`, `p-${tag}`, JSON.stringify(plan), JSON.stringify(legacy), sponsor.id],
    );
  } finally {
    await client.end();
  }

  await login(page, "sponsor");
  // The plan page: the activation snapshot beside today's engine, and what today's would say.
  await page.goto(`/studies/s-${tag}/plans`);
  const plans = page.getByTestId("derivation-comparison");
  await expect(plans).toContainText("Under today's rules engine this plan version would have 1 unjustified violation(s)");
  await expect(plans.getByTestId("derivation-stored-engine")).toHaveText("Rule set CDE-2021 · rules engine 0-legacy");
  await expect(plans.getByTestId("derivation-today-engine")).toHaveText("Rule set CDE-2021 · rules engine 1");
  await expect(plans.getByTestId("derivation-stored").getByRole("row").filter({ hasText: "0–60" }).first()).toBeVisible();
  await expect(page.getByTestId("plan-versions")).toContainText("Version 1 — Active");

  // The product page: both derivations, and the deliberate re-assessment.
  await page.goto(`/sponsor/products/p-${tag}`);
  await expect(page.getByTestId("derivation-comparison")).toBeVisible();
  const reassess = page.getByTestId("reassess-profile");
  await reassess.getByRole("button", { name: "Re-assess" }).click();
  await expect(reassess.getByText("say why the derivation is re-assessed")).toBeVisible();
  await reassess.getByLabel("Reason for the re-assessment").fill("rules engine 1 adopted");
  await reassess.getByRole("button", { name: "Re-assess" }).click();
  await expect(page.getByTestId("reassess-profile")).toHaveText("Re-assessed: risk profile version 2 stores today's derivation.");
  await page.reload();
  await expect(page.getByTestId("derivation-comparison")).toHaveCount(0);
  await expect(page.getByTestId("stored-derivation-summary")).toContainText("risk profile version 2 · Rule set CDE-2021 · rules engine 1");
  await expect(page.getByTestId("plan-compliance")).toContainText(`LEG-${tag} plan v1: 1 unjustified violation(s)`);

  // The re-assessment's audit record names the request behind it: a signed-in session, its id.
  await page.goto("/audit");
  const record = page.getByRole("row").filter({ hasText: "rules engine 1 adopted" });
  await expect(record).toContainText("session");
  await expect(record.locator("code").last()).toHaveText(/^[0-9a-f-]{36}$/);

  // The activated version kept its snapshot.
  await page.goto(`/studies/s-${tag}/plans`);
  await expect(page.getByTestId("derivation-comparison").getByTestId("derivation-stored-engine")).toHaveText("Rule set CDE-2021 · rules engine 0-legacy");
  await expect(page.getByTestId("plan-versions")).toContainText("Version 1 — Active");
});
