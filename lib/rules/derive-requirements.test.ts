import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { profileOf } from "@/lib/rules/test-profiles";

/** One case per row of the duration table of DOMAIN.md §2.2.3 (guideline 二（二）3). */
describe("duration (CDE §2.2.3)", () => {
  it.each([
    ["γ-retrovirus integrates: ≥ 15 years", profileOf({ platform: "gamma_retrovirus", exVivo: true, route: "intravenous" }), 15],
    ["lentivirus integrates: ≥ 15 years", profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }), 15],
    ["other retrovirus integrates: ≥ 15 years", profileOf({ platform: "other_retrovirus" }), 15],
    ["transposon integrates: ≥ 15 years", profileOf({ platform: "transposon", exVivo: true }), 15],
    ["HSV (latency / reactivation): 15 years", profileOf({ platform: "hsv", route: "intratumoral" }), 15],
    ["latency flagged on another virus: 15 years", profileOf({ platform: "other_virus", latency: true }), 15],
    ["replication-competent bacterium (persistent infection): 15 years", profileOf({ platform: "bacterial", replicationCompetent: true }), 15],
    ["gene editing: 15 years", profileOf({ platform: "rna", geneEditing: true, route: "intravenous" }), 15],
    ["AAV: 5 years", profileOf({ platform: "aav", route: "subretinal", targetTissueAccessible: false }), 5],
    ["plasmid: LTFU may not be required", profileOf({ platform: "plasmid" }), 0],
    ["poxvirus: LTFU may not be required", profileOf({ platform: "poxvirus" }), 0],
    ["adenovirus: LTFU may not be required", profileOf({ platform: "adenovirus", route: "intratumoral" }), 0],
    ["RNA without the above: LTFU may not be required", profileOf({ platform: "rna" }), 0],
    ["plasmid carrying editing components: raised to the editing class", profileOf({ platform: "plasmid", geneEditing: true }), 15],
    ["AAV with an integration-enhancing route: raised to the integrating class", profileOf({ platform: "aav", integrationEnhanced: true }), 15],
    ["AAV that also edits: the longest duration wins", profileOf({ platform: "aav", geneEditing: true }), 15],
  ])("%s", (_name, profile, years) => {
    const derivation = deriveRequirements(profile);
    expect(derivation.durationYears).toBe(years);
    expect(derivation.ltfuRequired).toBe(years > 0);
    expect(derivation.extendUntilNoRisk).toBe(years > 0);
  });

  it("no LTFU: empty requirements and triggers, and the rationale asks for a justification", () => {
    const derivation = deriveRequirements(profileOf({ platform: "adenovirus" }));
    expect(derivation).toMatchObject({ ltfuRequired: false, durationYears: 0, extendUntilNoRisk: false, requirements: [], triggers: [] });
    expect(derivation.rationale.join(" ")).toMatch(/justify no LTFU.*CDE §2\.2\.3/);
  });

  it("the contract's lentiviral example, requirement by requirement", () => {
    const derivation = deriveRequirements(profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }));
    expect(derivation.riskFactors).toEqual(["genome_integration", "long_term_expression"]);
    expect(derivation.requirements).toEqual([
      { kind: "clinical_visit", fromMonth: 0, toMonth: 60, maxIntervalMonths: 12, citation: "CDE §2.3.2" },
      { kind: "remote_contact", fromMonth: 60, toMonth: 180, maxIntervalMonths: 12, citation: "CDE §2.3.2" },
      { kind: "persistence_sampling", fromMonth: 0, toMonth: 180, maxIntervalMonths: 12, citation: "CDE §2.3.2" },
      { kind: "integration_monitoring", fromMonth: 0, toMonth: 60, maxIntervalMonths: 6, citation: "CDE §2.4.1" },
      { kind: "integration_monitoring", fromMonth: 60, toMonth: 180, maxIntervalMonths: 12, citation: "CDE §2.4.1" },
    ]);
    expect(derivation.rationale[0]).toBe("platform lentivirus integrates into the host genome (CDE §2.2.1(1)) → ≥ 15 years (CDE §2.2.3), until data show no risk (CDE §2.4.1)");
  });
});

/** One case per requirement kind of RULES-CONTRACT.md. */
describe("requirements by kind", () => {
  const kinds = (profile: ReturnType<typeof profileOf>) => deriveRequirements(profile).requirements.map((r) => `${r.kind} ${r.fromMonth}-${r.toMonth}/${r.maxIntervalMonths} ${r.citation}`);

  it("AAV (5 years): clinical visits and persistence samples yearly, no remote contact after year 5", () => {
    expect(kinds(profileOf({ platform: "aav" }))).toEqual(["clinical_visit 0-60/12 CDE §2.3.2", "persistence_sampling 0-60/12 CDE §2.3.2"]);
  });
  it("integration monitoring ≤ 6 months in years 0–5, ≤ 12 after (CDE §2.4.1); also for gene editing (CDE §2.4.2)", () => {
    for (const profile of [profileOf({ platform: "transposon" }), profileOf({ platform: "rna", geneEditing: true })]) {
      expect(kinds(profile)).toEqual(expect.arrayContaining(["integration_monitoring 0-60/6 CDE §2.4.1", "integration_monitoring 60-180/12 CDE §2.4.1"]));
    }
  });
  it("gene editing: off-target monitoring; in non-target tissues only when delivered systemically in vivo (CDE §2.4.2)", () => {
    expect(kinds(profileOf({ platform: "aav", geneEditing: true, route: "intravenous" }))).toEqual(
      expect.arrayContaining(["off_target_monitoring 0-180/12 CDE §2.4.2", "off_target_monitoring_non_target_tissue 0-180/12 CDE §2.4.2"]),
    );
    expect(kinds(profileOf({ platform: "aav", geneEditing: true, route: "intra_arterial" }))).toContain("off_target_monitoring_non_target_tissue 0-180/12 CDE §2.4.2");
    const exVivo = kinds(profileOf({ platform: "lentivirus", geneEditing: true, exVivo: true, route: "intravenous" }));
    expect(exVivo).toContain("off_target_monitoring 0-180/12 CDE §2.4.2");
    expect(exVivo.some((k) => k.startsWith("off_target_monitoring_non_target_tissue"))).toBe(false);
    const local = kinds(profileOf({ platform: "aav", geneEditing: true, route: "subretinal" }));
    expect(local.some((k) => k.startsWith("off_target_monitoring_non_target_tissue"))).toBe(false);
  });
  it("replication-competent: shedding monitoring (CDE §2.2.1(9))", () => {
    expect(kinds(profileOf({ platform: "hsv", replicationCompetent: true }))).toContain("shedding_monitoring 0-180/12 CDE §2.2.1(9)");
  });
  it("germline distribution: pregnancy and fertility monitoring (CDE §2.2.1(10))", () => {
    expect(kinds(profileOf({ platform: "aav", germlineDistribution: true }))).toContain("pregnancy_fertility_monitoring 0-60/12 CDE §2.2.1(10)");
  });
  it("inaccessible target tissue: surrogate sampling (CDE §2.4.2)", () => {
    expect(kinds(profileOf({ platform: "aav", targetTissueAccessible: false }))).toContain("surrogate_sampling 0-60/12 CDE §2.4.2");
  });
});

/** One case per trigger of RULES-CONTRACT.md. */
describe("escalation triggers", () => {
  const ids = (profile: ReturnType<typeof profileOf>) => deriveRequirements(profile).triggers.map((t) => t.id);

  it("integrating and gene-editing products get the clonality triggers A–C (CDE §2.4.1)", () => {
    for (const profile of [profileOf({ platform: "transposon" }), profileOf({ platform: "aav", geneEditing: true }), profileOf({ platform: "aav", integrationEnhanced: true })]) {
      expect(ids(profile)).toEqual(expect.arrayContaining(["vector_positive_above_expected", "dominant_clone", "clonal_expansion_or_oncogene_site"]));
    }
    const derivation = deriveRequirements(profileOf({ platform: "transposon" }));
    expect(derivation.triggers.find((t) => t.id === "dominant_clone")).toEqual({ id: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", withinMonths: 3, citation: "CDE §2.4.1" });
    expect(derivation.triggers.find((t) => t.id === "clonal_expansion_or_oncogene_site")).toMatchObject({ action: "shorten_testing_interval", withinMonths: 3 });
  });
  it("RCL/RCR testing only for γ-retro, lenti and other retroviral products (CDE §2.4.1)", () => {
    expect(ids(profileOf({ platform: "lentivirus" }))).toContain("rcl_rcr_suspected_ae");
    expect(ids(profileOf({ platform: "gamma_retrovirus" }))).toContain("rcl_rcr_suspected_ae");
    expect(ids(profileOf({ platform: "transposon" }))).not.toContain("rcl_rcr_suspected_ae");
  });
  it("every product with LTFU: causality analysis and follow-up until no risk (CDE §2.3.2)", () => {
    expect(ids(profileOf({ platform: "aav" }))).toEqual(["suspected_related_ae", "persistence_at_period_end"]);
    expect(ids(profileOf({ platform: "plasmid" }))).toEqual([]);
  });
});
