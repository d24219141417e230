import type { TRiskFactors } from "@/lib/validation/product";
import type { TPlatform, TRiskProfile } from "@/lib/validation/profile";

/*
 * Product value lists and the pure checks the product editor runs live in the browser, without
 * zod (which would add ~30 kB there); lib/validation/product.ts builds its schemas on them.
 */

export const MODALITIES = ["car_t", "tcr_t", "hsc_gene_therapy", "in_vivo_gene_therapy", "gene_editing", "oncolytic_virus", "nucleic_acid", "other"] as const;

/** The ten risk factors of CDE §2.2.1, in the guideline's order. */
export const RISK_FACTORS = [
  "genome_integration",
  "long_term_expression",
  "latency_reactivation",
  "persistent_infection",
  "gene_editing",
  "unexpected_biodistribution",
  "recombination",
  "immunogenicity",
  "shedding",
  "other",
] as const;
export type TRiskFactorId = (typeof RISK_FACTORS)[number];

/** Clause of each factor: CDE §2.2.1(1)…(10). */
export const RISK_FACTOR_CLAUSE: Record<TRiskFactorId, string> = Object.fromEntries(RISK_FACTORS.map((id, i) => [id, `CDE §2.2.1(${i + 1})`])) as Record<TRiskFactorId, string>;

export const EVIDENCE_SOURCES = ["non_clinical", "clinical", "similar_products"] as const;
export const FACTOR_STATUSES = ["present", "absent", "unknown"] as const;

const INTEGRATING_PLATFORMS: ReadonlySet<TPlatform> = new Set(["gamma_retrovirus", "lentivirus", "other_retrovirus", "transposon"]);

/**
 * The characteristics the engine reads must agree with the sponsor's factor assessment
 * (CDE §2.2.1): e.g. gene editing present ⇔ `geneEditing`. Returns one issue per
 * disagreement, on the factor's status, naming the characteristic.
 */
export interface ProfileInconsistency {
  field: string;
  factor: TRiskFactorId;
  /** true: the profile implies the factor but it is not marked present; false: marked present against the profile. */
  required: boolean;
  clause: string;
  message: string;
}

export function listProfileInconsistencies(profile: TRiskProfile, factors: TRiskFactors): ProfileInconsistency[] {
  const issues: ProfileInconsistency[] = [];
  const integrating = INTEGRATING_PLATFORMS.has(profile.platform) || profile.integrationEnhanced || profile.geneEditing;
  const expect = (factor: TRiskFactorId, required: boolean, because: string, both: boolean) => {
    const status = factors[factor].status;
    const clause = RISK_FACTOR_CLAUSE[factor];
    const field = `factors.${factor}.status`;
    if (required && status !== "present") issues.push({ field, factor, required: true, clause, message: `must be present: ${because} (${clause})` });
    if (both && !required && status === "present") {
      issues.push({ field, factor, required: false, clause, message: `is present but the profile says otherwise: ${because.replace("is", "is not")} — correct the profile or the factor (${clause})` });
    }
  };
  expect("gene_editing", profile.geneEditing, "geneEditing is true", true);
  expect("genome_integration", integrating, "the platform integrates, integrationEnhanced or geneEditing is true", true);
  expect("latency_reactivation", profile.latency || profile.platform === "hsv", "latency is true or the platform is HSV", true);
  expect("persistent_infection", profile.replicationCompetent, "replicationCompetent is true", true);
  expect("shedding", profile.replicationCompetent, "replicationCompetent is true", false);
  expect("other", profile.germlineDistribution, "germlineDistribution is true (gonads, germ cells)", false);
  return issues;
}

const impliedInEnglish = (issue: ProfileInconsistency) => `implied by the product profile: ${issue.message.replace(/^must be present: /, "")}`;

/**
 * Factors prefilled from a profile: what the characteristics imply is present, the rest unknown.
 * The rationale is English for the API; the editor passes the reader's catalog wording.
 */
export function defaultFactorsFor(profile: TRiskProfile, impliedRationale: (issue: ProfileInconsistency) => string = impliedInEnglish): TRiskFactors {
  const blank = Object.fromEntries(RISK_FACTORS.map((id) => [id, { status: "unknown", rationale: "", evidence: [] }])) as unknown as TRiskFactors;
  for (const issue of listProfileInconsistencies(profile, blank)) {
    blank[issue.factor] = { status: "present", rationale: impliedRationale(issue), evidence: ["non_clinical"] };
  }
  return blank;
}
