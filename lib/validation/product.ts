import { z } from "zod";
import { PLATFORMS, ZRiskProfile, type TRiskProfile } from "@/lib/validation/profile";
import { ZProductMonitoring } from "@/lib/validation/safety";

export const MODALITIES = ["car_t", "tcr_t", "hsc_gene_therapy", "in_vivo_gene_therapy", "gene_editing", "oncolytic_virus", "nucleic_acid", "other"] as const;
export const ZModality = z.enum(MODALITIES);

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

export const ZFactorAssessment = z
  .object({
    status: z.enum(FACTOR_STATUSES),
    rationale: z.string().trim().max(2000).default(""),
    evidence: z.array(z.enum(EVIDENCE_SOURCES)).default([]),
  })
  .superRefine((factor, ctx) => {
    if (factor.status !== "unknown" && factor.rationale === "") {
      ctx.addIssue({ code: "custom", path: ["rationale"], message: `give the rationale for "${factor.status}"` });
    }
    if (factor.status !== "unknown" && factor.evidence.length === 0) {
      ctx.addIssue({ code: "custom", path: ["evidence"], message: "name at least one evidence source (non-clinical, clinical, similar products)" });
    }
  });
export type TFactorAssessment = z.infer<typeof ZFactorAssessment>;

export const ZRiskFactors = z.object(Object.fromEntries(RISK_FACTORS.map((id) => [id, ZFactorAssessment])) as Record<TRiskFactorId, typeof ZFactorAssessment>);
export type TRiskFactors = z.infer<typeof ZRiskFactors>;

const INTEGRATING_PLATFORMS: ReadonlySet<(typeof PLATFORMS)[number]> = new Set(["gamma_retrovirus", "lentivirus", "other_retrovirus", "transposon"]);

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

/** Factors prefilled from a profile: what the characteristics imply is present, the rest unknown. */
export function defaultFactorsFor(profile: TRiskProfile): TRiskFactors {
  const blank = Object.fromEntries(RISK_FACTORS.map((id) => [id, { status: "unknown", rationale: "", evidence: [] }])) as unknown as TRiskFactors;
  for (const issue of listProfileInconsistencies(profile, blank)) {
    const id = issue.field.split(".")[1] as TRiskFactorId;
    blank[id] = { status: "present", rationale: `implied by the product profile: ${issue.message.replace(/^must be present: /, "")}`, evidence: ["non_clinical"] };
  }
  return blank;
}

function refineConsistency(value: { profile: TRiskProfile; factors: TRiskFactors }, ctx: z.RefinementCtx) {
  for (const issue of listProfileInconsistencies(value.profile, value.factors)) {
    ctx.addIssue({ code: "custom", path: issue.field.split("."), message: issue.message });
  }
}

const ZProductIdentity = z.object({
  name: z.string().trim().min(1, { error: "enter the product name" }).max(200),
  code: z
    .string()
    .trim()
    .min(1, { error: "enter the product code" })
    .max(40)
    .regex(/^[A-Za-z0-9_.-]+$/, { error: "letters, digits, -, _ and . only" }),
  modality: ZModality.default("other"),
  /** `monitoring.expectedVectorPositivePercentMax` (CDE §2.4.1); changed later with a reason (lib/products/monitoring.ts). */
  monitoring: ZProductMonitoring.default({ expectedVectorPositivePercentMax: null }),
});

/** Create from the UI: identity, contract profile and the ten factors, kept consistent. */
export const ZCreateProduct = ZProductIdentity.extend({ profile: ZRiskProfile, factors: ZRiskFactors }).superRefine(refineConsistency);
export type TCreateProduct = z.infer<typeof ZCreateProduct>;

/** Create from the API: factors optional (prefilled from the profile); given factors must agree with the profile. */
export const ZCreateProductApi = ZProductIdentity.extend({ profile: ZRiskProfile, factors: ZRiskFactors.optional() }).superRefine((value, ctx) => {
  if (value.factors) refineConsistency({ profile: value.profile, factors: value.factors }, ctx);
});
export type TCreateProductApi = z.infer<typeof ZCreateProductApi>;

/** A new risk profile version: every change says why (it may change the follow-up). */
export const ZUpdateRiskProfile = z
  .object({
    productId: z.string().min(1),
    profile: ZRiskProfile,
    factors: ZRiskFactors,
    reason: z.string().trim().min(1, { error: "say why the risk profile changes (new data, regulator feedback…)" }).max(2000),
  })
  .superRefine(refineConsistency);
export type TUpdateRiskProfile = z.infer<typeof ZUpdateRiskProfile>;

/** CDE §2.2.3: no LTFU needs a justification and the record of the regulator communication. */
export const ZNoLtfuJustification = z.object({
  productId: z.string().min(1),
  noLtfuJustification: z.string().trim().min(1, { error: "give the justification for no long-term follow-up" }).max(5000),
  regulatorCommunication: z.string().trim().min(1, { error: "record the communication with the regulator (date, meeting, minutes reference)" }).max(5000),
});
export type TNoLtfuJustification = z.infer<typeof ZNoLtfuJustification>;
