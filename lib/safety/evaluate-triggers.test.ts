import { describe, expect, it } from "vitest";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { profileOf } from "@/lib/rules/test-profiles";
import { evaluateTriggers, listEscalationsToOpen, type AdverseEventFacts, type SampleResultFacts, type TriggerInput } from "@/lib/safety/evaluate-triggers";
import type { TPlatform } from "@/lib/validation/profile";

// The three kinds of product the issue names, through the real rules engine.
const PRODUCTS = {
  lentiviral: { profile: profileOf({ platform: "lentivirus", exVivo: true, route: "intravenous" }), followUpEnd: "2039-02-28" },
  aav: { profile: profileOf({ platform: "aav", route: "intravenous" }), followUpEnd: "2029-02-28" },
  geneEditing: { profile: profileOf({ platform: "rna", geneEditing: true, route: "intravenous" }), followUpEnd: "2039-02-28" },
} as const;
type ProductName = keyof typeof PRODUCTS;

function inputFor(product: ProductName, records: { results?: SampleResultFacts[]; adverseEvents?: AdverseEventFacts[]; asOf?: string; max?: number | null; platform?: TPlatform }): TriggerInput {
  const { profile, followUpEnd } = PRODUCTS[product];
  return {
    derivation: deriveRequirements(profile),
    platform: records.platform ?? profile.platform,
    expectedVectorPositivePercentMax: records.max === undefined ? 10 : records.max,
    followUpEnd,
    results: records.results ?? [],
    adverseEvents: records.adverseEvents ?? [],
    asOf: records.asOf ?? "2025-06-01",
  };
}

const result = (overrides: Partial<SampleResultFacts>): SampleResultFacts => ({ id: "r1", kind: "integration_site_analysis", collectedDate: "2024-08-27", detected: true, value: null, ...overrides });
const ae = (overrides: Partial<AdverseEventFacts>): AdverseEventFacts => ({ id: "ae1", onsetDate: "2025-03-02", relatedness: "unrelated", possibleRcl: false, ...overrides });

describe("the contract's table, on a lentiviral, an AAV and a gene-editing product", () => {
  const ALL: ProductName[] = ["lentiviral", "aav", "geneEditing"];

  describe("vector_positive_percent above the product's expected maximum → vector_positive_above_expected", () => {
    const records = { results: [result({ kind: "vector_positive_percent", value: 12.5 })] };
    const expected = [{ trigger: "vector_positive_above_expected", action: "clonality_assessment", citation: "CDE §2.4.1", openedDate: "2024-08-27", dueDate: null, source: { type: "sample_result", id: "r1" } }];
    it.each([
      ["lentiviral", expected],
      ["aav", []],
      ["geneEditing", expected],
    ] as const)("%s", (product, escalations) => {
      expect(evaluateTriggers(inputFor(product, records))).toEqual(escalations);
    });
    it.each(ALL)("%s: a value at the maximum, below it, or no maximum set, fires nothing", (product) => {
      expect(evaluateTriggers(inputFor(product, { results: [result({ kind: "vector_positive_percent", value: 10 })] }))).toEqual([]);
      expect(evaluateTriggers(inputFor(product, { results: [result({ kind: "vector_positive_percent", value: 3 })] }))).toEqual([]);
      expect(evaluateTriggers(inputFor(product, { results: [result({ kind: "vector_positive_percent", value: 99 })], max: null }))).toEqual([]);
    });
    it("another kind with a high value fires nothing", () => {
      expect(evaluateTriggers(inputFor("lentiviral", { results: [result({ kind: "vector_copy_number", value: 50 })] }))).toEqual([]);
    });
  });

  describe("a result with dominantClone → dominant_clone, due 3 months after collection", () => {
    const records = { results: [result({ dominantClone: true, clonalExpansion: false, nearOncogene: false })] };
    const expected = [{ trigger: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", citation: "CDE §2.4.1", openedDate: "2024-08-27", dueDate: "2024-11-27", source: { type: "sample_result", id: "r1" } }];
    it.each([
      ["lentiviral", expected],
      ["aav", []],
      ["geneEditing", expected],
    ] as const)("%s", (product, escalations) => {
      expect(evaluateTriggers(inputFor(product, records))).toEqual(escalations);
    });
    it("the due date follows the calendar-month rule (30 November + 3 months = 28 February)", () => {
      expect(evaluateTriggers(inputFor("lentiviral", { results: [result({ collectedDate: "2024-11-30", dominantClone: true })] }))[0]!.dueDate).toBe("2025-02-28");
    });
  });

  describe("a result with clonalExpansion or nearOncogene → clonal_expansion_or_oncogene_site", () => {
    const expected = (id: string) => [{ trigger: "clonal_expansion_or_oncogene_site", action: "shorten_testing_interval", citation: "CDE §2.4.1", openedDate: "2024-08-27", dueDate: "2024-11-27", source: { type: "sample_result", id } }];
    it.each([
      ["lentiviral", expected("r1")],
      ["aav", []],
      ["geneEditing", expected("r1")],
    ] as const)("%s: clonal expansion", (product, escalations) => {
      expect(evaluateTriggers(inputFor(product, { results: [result({ kind: "clonality", clonalExpansion: true })] }))).toEqual(escalations);
    });
    it.each([
      ["lentiviral", expected("r1")],
      ["aav", []],
      ["geneEditing", expected("r1")],
    ] as const)("%s: a site near an oncogene", (product, escalations) => {
      expect(evaluateTriggers(inputFor(product, { results: [result({ nearOncogene: true })] }))).toEqual(escalations);
    });
    it("both on one result open one escalation; with a dominant clone, two", () => {
      expect(evaluateTriggers(inputFor("lentiviral", { results: [result({ clonalExpansion: true, nearOncogene: true })] })).map((e) => e.trigger)).toEqual(["clonal_expansion_or_oncogene_site"]);
      expect(evaluateTriggers(inputFor("lentiviral", { results: [result({ dominantClone: true, nearOncogene: true })] })).map((e) => e.trigger)).toEqual(["dominant_clone", "clonal_expansion_or_oncogene_site"]);
    });
  });

  describe("an AE with possibleRcl on a γ-retro, lenti or other retro product → rcl_rcr_suspected_ae", () => {
    const expected = [{ trigger: "rcl_rcr_suspected_ae", action: "rcl_rcr_testing", citation: "CDE §2.4.1", openedDate: "2025-03-02", dueDate: null, source: { type: "adverse_event", id: "ae1" } }];
    it.each([
      ["lentiviral", expected],
      ["aav", []],
      ["geneEditing", []],
    ] as const)("%s", (product, escalations) => {
      expect(evaluateTriggers(inputFor(product, { adverseEvents: [ae({ possibleRcl: true, relatedness: "unlikely" })] }))).toEqual(escalations);
    });
    it("γ-retrovirus and other retrovirus too; an AE without possibleRcl fires nothing", () => {
      for (const platform of ["gamma_retrovirus", "other_retrovirus"] as const) {
        const derivation = deriveRequirements(profileOf({ platform, exVivo: true, route: "intravenous" }));
        const input = { ...inputFor("lentiviral", { adverseEvents: [ae({ possibleRcl: true })] }), derivation, platform };
        expect(evaluateTriggers(input).map((e) => e.trigger)).toEqual(["rcl_rcr_suspected_ae"]);
      }
      expect(evaluateTriggers(inputFor("lentiviral", { adverseEvents: [ae({ possibleRcl: false })] }))).toEqual([]);
    });
  });

  describe("an AE with relatedness possible, probable or definite → suspected_related_ae, on every product", () => {
    const expected = [{ trigger: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", citation: "CDE §2.3.2", openedDate: "2025-03-02", dueDate: null, source: { type: "adverse_event", id: "ae1" } }];
    for (const product of ALL) {
      it.each(["possible", "probable", "definite"] as const)(`${product}: %s`, (relatedness) => {
        expect(evaluateTriggers(inputFor(product, { adverseEvents: [ae({ relatedness })] }))).toEqual(expected);
      });
      it.each(["unrelated", "unlikely"] as const)(`${product}: %s fires nothing`, (relatedness) => {
        expect(evaluateTriggers(inputFor(product, { adverseEvents: [ae({ relatedness })] }))).toEqual([]);
      });
    }
    it("a related AE possibly linked to RCL on a lentiviral product opens both", () => {
      expect(evaluateTriggers(inputFor("lentiviral", { adverseEvents: [ae({ relatedness: "probable", possibleRcl: true })] })).map((e) => e.trigger)).toEqual(["rcl_rcr_suspected_ae", "suspected_related_ae"]);
    });
  });

  describe("the planned period has ended with the latest persistence or VCN result detected → persistence_at_period_end", () => {
    const cases = {
      lentiviral: { before: "2039-02-27", end: "2039-02-28" },
      aav: { before: "2029-02-27", end: "2029-02-28" },
      geneEditing: { before: "2039-02-27", end: "2039-02-28" },
    } as const;
    for (const product of ALL) {
      const { before, end } = cases[product];
      const detectedAtEnd = [result({ id: "p1", kind: "persistence", collectedDate: "2028-11-02", detected: true })];
      it(`${product}: opened on followUpEnd by the daily sweep`, () => {
        expect(evaluateTriggers(inputFor(product, { results: detectedAtEnd, asOf: end }))).toEqual([
          { trigger: "persistence_at_period_end", action: "extend_follow_up", citation: "CDE §2.3.2", openedDate: end, dueDate: null, source: { type: "sample_result", id: "p1" } },
        ]);
      });
      it(`${product}: not before followUpEnd`, () => {
        expect(evaluateTriggers(inputFor(product, { results: detectedAtEnd, asOf: before }))).toEqual([]);
      });
      it(`${product}: a detected VCN result saved after followUpEnd opens it on its collection date`, () => {
        const results = [result({ id: "v1", kind: "vector_copy_number", collectedDate: "2040-01-10", detected: true, value: 0.02 })];
        expect(evaluateTriggers(inputFor(product, { results, asOf: "2040-01-15" }))).toEqual([
          { trigger: "persistence_at_period_end", action: "extend_follow_up", citation: "CDE §2.3.2", openedDate: "2040-01-10", dueDate: null, source: { type: "sample_result", id: "v1" } },
        ]);
      });
      it(`${product}: not when the latest such result is negative`, () => {
        const results = [result({ id: "p1", kind: "persistence", collectedDate: "2027-01-01", detected: true }), result({ id: "p2", kind: "vector_copy_number", collectedDate: "2028-01-01", detected: false })];
        expect(evaluateTriggers(inputFor(product, { results, asOf: "2040-01-15" }))).toEqual([]);
      });
    }
    it("other kinds do not count as persistence (a later negative integration-site result leaves it detected)", () => {
      const results = [result({ id: "p1", kind: "persistence", collectedDate: "2038-01-01", detected: true }), result({ id: "i1", kind: "integration_site_analysis", collectedDate: "2038-06-01", detected: false })];
      expect(evaluateTriggers(inputFor("lentiviral", { results, asOf: "2039-03-01" })).map((e) => e.trigger)).toEqual(["persistence_at_period_end"]);
    });
    it("results of the same day are read in the order they were saved", () => {
      const sameDay = (first: boolean) => [result({ id: "a", kind: "persistence", collectedDate: "2038-01-01", detected: first }), result({ id: "b", kind: "persistence", collectedDate: "2038-01-01", detected: !first })];
      expect(evaluateTriggers(inputFor("lentiviral", { results: sameDay(true), asOf: "2039-03-01" }))).toEqual([]);
      expect(evaluateTriggers(inputFor("lentiviral", { results: sameDay(false), asOf: "2039-03-01" })).map((e) => e.source.id)).toEqual(["b"]);
    });
    it("a product whose derivation does not say extendUntilNoRisk never extends", () => {
      const input = inputFor("lentiviral", { results: [result({ kind: "persistence", detected: true })], asOf: "2040-01-01" });
      expect(evaluateTriggers({ ...input, derivation: { ...input.derivation, extendUntilNoRisk: false } })).toEqual([]);
    });
  });

  it("a product without LTFU lists no trigger, so nothing ever fires", () => {
    const derivation = deriveRequirements(profileOf({ platform: "plasmid" }));
    expect(derivation.triggers).toEqual([]);
    const input = inputFor("lentiviral", {
      results: [result({ dominantClone: true, clonalExpansion: true }), result({ id: "v", kind: "vector_positive_percent", value: 90 }), result({ id: "p", kind: "persistence", collectedDate: "2030-01-01" })],
      adverseEvents: [ae({ relatedness: "definite", possibleRcl: true })],
      asOf: "2045-01-01",
    });
    expect(evaluateTriggers({ ...input, derivation, platform: "plasmid" })).toEqual([]);
  });

  it("records dated after asOf are not yet known", () => {
    expect(evaluateTriggers(inputFor("lentiviral", { results: [result({ dominantClone: true, collectedDate: "2025-06-02" })], adverseEvents: [ae({ relatedness: "definite", onsetDate: "2025-06-02" })] }))).toEqual([]);
  });
});

describe("listEscalationsToOpen: each save opens only what is not already there", () => {
  const input = inputFor("lentiviral", {
    results: [result({ id: "r1", dominantClone: true }), result({ id: "r2", collectedDate: "2024-09-10", dominantClone: true })],
    adverseEvents: [ae({ id: "ae1", relatedness: "possible" })],
  });

  it("opens one per (trigger, record)", () => {
    expect(listEscalationsToOpen(input, []).map((e) => `${e.trigger}/${e.source.id}`)).toEqual(["dominant_clone/r1", "dominant_clone/r2", "suspected_related_ae/ae1"]);
  });

  it("skips those already opened, open or resolved", () => {
    const existing = [
      { trigger: "dominant_clone" as const, sourceType: "sample_result" as const, sourceId: "r1" },
      { trigger: "suspected_related_ae" as const, sourceType: "adverse_event" as const, sourceId: "ae1" },
    ];
    expect(listEscalationsToOpen(input, existing).map((e) => `${e.trigger}/${e.source.id}`)).toEqual(["dominant_clone/r2"]);
  });

  it("opens the period-end escalation once per subject, whichever result made it", () => {
    const later = inputFor("lentiviral", { results: [result({ id: "p2", kind: "persistence", collectedDate: "2040-01-10" })], asOf: "2040-02-01" });
    expect(listEscalationsToOpen(later, [{ trigger: "persistence_at_period_end", sourceType: "sample_result", sourceId: "p1" }])).toEqual([]);
  });
});
