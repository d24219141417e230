import { expect, test } from "@playwright/test";
import { login } from "./fixtures";

/**
 * Issue #4's journey: a lentiviral CAR-T product derives 15 years with 6-monthly integration
 * monitoring; a study on two sites activates plan v1; an 18-monthly clinical plan is stopped
 * with its clause, justified and activated; switching the product to AAV derives 5 years.
 */
test("sponsor: product → derivation → study → plan v1 → justified amendment → AAV", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36).toUpperCase();
  await login(page, "sponsor");

  // Product: lentiviral CAR-T (the form's defaults: lentivirus, ex vivo, intravenous).
  await page.goto("/sponsor/products/new");
  await page.getByLabel("Product name").fill(`CAR-T ${tag}`);
  await page.getByLabel("Product code").fill(`CART-${tag}`);
  await page.getByLabel("Modality").selectOption("car_t");
  await page.getByLabel("Vector / platform").selectOption("lentivirus");
  const derivation = page.getByTestId("derivation");
  await expect(derivation.getByTestId("derivation-duration")).toContainText("15 years");
  const integrationEarly = derivation.getByRole("row").filter({ hasText: "Integration / clonality monitoring" }).filter({ hasText: "0–60" });
  await expect(integrationEarly).toContainText("6 months");
  await expect(integrationEarly).toContainText("CDE §2.4.1");
  await expect(derivation.getByTestId("derivation-rationale")).toContainText("CDE §2.2.1(1)");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/sponsor\/products\/(?!new$)[a-z0-9]+$/);
  const productUrl = page.url();
  // The derivation is stored with the profile version, naming the rule set and rules engine.
  await expect(page.getByTestId("stored-derivation-summary")).toContainText("Rule set CDE-2021 · rules engine 1");

  // Study with the two demo sites.
  await page.goto("/studies");
  const studyForm = page.getByRole("form", { name: "New study" });
  await studyForm.getByLabel("Protocol number").fill(`LTFU-${tag}`);
  await studyForm.getByLabel("Title").fill("Long-term follow-up of CAR-T");
  await studyForm.getByLabel("Product").selectOption({ label: `CART-${tag} — CAR-T ${tag}` });
  await studyForm.getByLabel(/SH-01/).check();
  await studyForm.getByLabel(/BJ-02/).check();
  await studyForm.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/studies\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "Long-term follow-up of CAR-T" })).toBeVisible();

  // Plan v1 from the engine's suggestion.
  await page.getByRole("link", { name: "Open the LTFU plan" }).click();
  await page.getByRole("button", { name: "New draft from the engine's suggestion" }).click();
  const editor = page.getByTestId("plan-editor");
  await expect(editor.getByTestId("plan-violations")).toContainText("The plan meets every requirement");
  const activation = editor.getByRole("form", { name: "Activate this version (amendment)" });
  await activation.getByLabel("Effective date").fill("2026-01-01");
  await activation.getByLabel("Reason").fill("initial LTFU plan");
  await activation.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("plan-versions")).toContainText("Version 1 — Active");
  // Today's engine derives what was stored: no side-by-side comparison.
  await expect(page.getByTestId("derivation-comparison")).toHaveCount(0);

  // v2: clinical visits every 18 months (18, 36, 54) instead of yearly.
  await page.getByRole("button", { name: "New draft: amend the latest version" }).click();
  await expect(editor).toBeVisible();
  const clinical = (visitId: string) => editor.getByTestId("plan-grid").getByLabel(`Clinical follow-up visit at ${visitId}`, { exact: true });
  for (const visitId of ["M12", "M24", "M48", "M60"]) await clinical(visitId).uncheck();
  for (const visitId of ["M18", "M54"]) await clinical(visitId).check();
  // Samples: integration monitoring on bone marrow with its assay, for every visit that draws it.
  const integrationSample = editor.getByTestId("sample-integration_monitoring");
  await integrationSample.getByLabel(/^Sample type/).selectOption("bone_marrow");
  await integrationSample.getByLabel(/^Assay/).fill("integration site analysis (LAM-PCR + NGS)");
  const violations = editor.getByTestId("plan-violations");
  await expect(violations).toContainText("clinical visits: 18 months without one");
  await expect(violations).toContainText("CDE §2.3.2");
  await activation.getByLabel("Effective date").fill("2026-06-01");
  await activation.getByLabel("Reason").fill("clinic visits every 18 months");
  await activation.getByRole("button", { name: "Activate" }).click();
  await expect(activation.getByTestId("activation-error")).toContainText("CDE §2.3.2");
  await expect(page.getByTestId("plan-versions")).toContainText("Version 2 — Draft");

  // Justify every violation, then activate.
  const boxes = violations.getByRole("textbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).fill("Subjects see their haematologist yearly; records are collected at each contact.");
  await activation.getByLabel("Effective date").fill("2026-06-01");
  await activation.getByLabel("Reason").fill("clinic visits every 18 months");
  await activation.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("plan-versions")).toContainText("Version 2 — Active");
  await expect(page.getByTestId("plan-versions")).toContainText("Version 1 — Superseded");

  // The record guide of v2 is printable and cites the clauses.
  await page.getByTestId("plan-versions").getByRole("link", { name: "Follow-up record guide" }).first().click();
  await expect(page.getByTestId("record-guide")).toContainText("CDE §2.4.1");
  await expect(page.getByTestId("record-guide")).toContainText("Sample type: Bone marrow, Assay: integration site analysis (LAM-PCR + NGS)");

  // Switch the product to AAV: 5 years.
  await page.goto(productUrl);
  await page.getByLabel("Vector / platform").selectOption("aav");
  await page.getByLabel("In vivo").check();
  await expect(page.getByTestId("derivation").getByTestId("derivation-duration")).toContainText("5 years");
  const integration = page.getByTestId("factor-genome_integration");
  await integration.getByLabel("Assessment").selectOption("absent");
  await integration.getByLabel("Rationale").fill("AAV vectors are predominantly episomal (CDE §2.2.1(1))");
  await integration.getByLabel("Non-clinical").check();
  await page.getByLabel("Reason for the new risk profile version").fill("product redesigned on an AAV vector");
  await page.getByRole("button", { name: "Save new profile version" }).click();
  await expect(page.getByText("Risk profile version 2 saved.")).toBeVisible();
  await expect(page.getByText(/v2 — .*: product redesigned on an AAV vector — 5 years/)).toBeVisible();
});

test("the derivation's rationale reads in Chinese with the guideline's wording and clauses", async ({ page }) => {
  await login(page, "sponsor");
  await page.goto("/sponsor/products/new");
  await page.getByTestId("locale-switch").selectOption("zh-CN");
  const rationale = page.getByTestId("derivation").getByTestId("derivation-rationale");
  await page.getByLabel("载体 / 平台").selectOption("lentivirus");
  await expect(rationale).toContainText("慢病毒载体具有基因组整合活性（CDE §2.2.1(1)）");
  await expect(rationale).toContainText("至少 15 年（CDE §2.2.3）");
  await expect(rationale).not.toContainText("integrates");
});
