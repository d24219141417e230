import type { TPlatform, TRiskProfile } from "@/lib/validation/profile";
import type { TRequirementKind } from "@/lib/validation/plan";

/**
 * A rule set is data: which product characteristics lead to which follow-up, with the
 * clause behind each line. The engine (derive-requirements.ts) interprets it, so another
 * regulator's guidance (FDA 2020, EMA) can sit beside CDE-2021 without touching the engine.
 */
export type RiskFactorId =
  | "genome_integration"
  | "long_term_expression"
  | "latency_reactivation"
  | "persistent_infection"
  | "gene_editing"
  | "unexpected_biodistribution"
  | "recombination"
  | "immunogenicity"
  | "shedding"
  | "other";

export type TriggerId =
  | "vector_positive_above_expected"
  | "dominant_clone"
  | "clonal_expansion_or_oncogene_site"
  | "rcl_rcr_suspected_ae"
  | "suspected_related_ae"
  | "persistence_at_period_end";

/** A characteristic of a profile the rules speak about, with the sentence that explains it. */
export interface Characteristic {
  id: string;
  applies: (profile: TRiskProfile) => boolean;
  /** Rationale text; `{platform}` is replaced by the profile's platform. */
  explain: string;
}

export interface DurationRule {
  characteristic: string;
  years: number;
  extendUntilNoRisk: boolean;
  citation: string;
}

export interface RequirementRule {
  kind: TRequirementKind;
  /** Characteristics any of which make the requirement apply; empty = every product with LTFU. */
  when: string[];
  /** "early": months 0 to min(earlyPhaseEnd, end); "late": earlyPhaseEnd to end (only if longer); "whole": 0 to end. */
  period: "early" | "late" | "whole";
  maxIntervalMonths: number;
  citation: string;
}

export interface TriggerRule {
  id: TriggerId;
  action: string;
  withinMonths: number | null;
  when: string[];
  citation: string;
}

export interface RuleSet {
  id: string;
  version: string;
  /** End of the first phase in months (CDE §2.3.2: the first 5 years). */
  earlyPhaseEndMonths: number;
  characteristics: Characteristic[];
  /** Risk factors (DOMAIN §2.2.1) implied by each characteristic. */
  riskFactors: Record<string, RiskFactorId[]>;
  durations: DurationRule[];
  requirements: RequirementRule[];
  triggers: TriggerRule[];
  /** Rationale when no duration rule applies. */
  noLtfuRationale: string;
}

const INTEGRATING_PLATFORMS: ReadonlySet<TPlatform> = new Set(["gamma_retrovirus", "lentivirus", "other_retrovirus", "transposon"]);
const RETROVIRAL_PLATFORMS: ReadonlySet<TPlatform> = new Set(["gamma_retrovirus", "lentivirus", "other_retrovirus"]);
const SYSTEMIC_ROUTES: ReadonlySet<TRiskProfile["route"]> = new Set(["intravenous", "intra_arterial"]);

/** The CDE technical guideline on LTFU of gene therapy products (2021). Clause ids: ../shared/spec/DOMAIN.md. */
export const CDE_2021: RuleSet = {
  id: "CDE-2021",
  version: "2021-12",
  earlyPhaseEndMonths: 60,
  characteristics: [
    { id: "integrating_platform", applies: (p) => INTEGRATING_PLATFORMS.has(p.platform), explain: "platform {platform} integrates into the host genome (CDE §2.2.1(1))" },
    {
      id: "integration_enhanced",
      applies: (p) => p.integrationEnhanced,
      explain: "a modification or route chosen to raise integration puts the product in the integrating class (CDE §2.2.1(1))",
    },
    { id: "gene_editing", applies: (p) => p.geneEditing, explain: "the product carries or encodes genome-editing components (CDE §2.2.1(5)); integrating-vector considerations apply too (CDE §2.4.2)" },
    { id: "replication_competent", applies: (p) => p.replicationCompetent, explain: "a replication-competent vector can cause persistent infection, shed and recombine (CDE §2.2.1(4), (7), (9))" },
    { id: "latency", applies: (p) => p.latency || p.platform === "hsv", explain: "the vector can establish latency and reactivate (CDE §2.2.1(3))" },
    { id: "aav", applies: (p) => p.platform === "aav", explain: "platform aav: adeno-associated virus vectors persist and express long-term (CDE §2.2.1(2))" },
    { id: "retroviral", applies: (p) => RETROVIRAL_PLATFORMS.has(p.platform), explain: "a lentiviral or retroviral product: replication-competent virus must be tested for when an adverse event suggests it (CDE §2.4.1)" },
    {
      id: "systemic_in_vivo_editing",
      applies: (p) => p.geneEditing && !p.exVivo && SYSTEMIC_ROUTES.has(p.route),
      explain: "editing components are delivered systemically in the body, so off-target activity is monitored in non-target tissues and organs too (CDE §2.4.2)",
    },
    { id: "germline", applies: (p) => p.germlineDistribution, explain: "non-clinical biodistribution to gonads or germ cells: pregnancy and fertility of subject and partner are followed (CDE §2.2.1(10))" },
    {
      id: "target_inaccessible",
      applies: (p) => !p.targetTissueAccessible,
      explain: "the target tissue cannot be sampled: accessible surrogate cells are sampled and close clinical follow-up assesses the risk (CDE §2.4.2)",
    },
  ],
  riskFactors: {
    integrating_platform: ["genome_integration", "long_term_expression"],
    integration_enhanced: ["genome_integration", "long_term_expression"],
    gene_editing: ["gene_editing", "genome_integration", "long_term_expression"],
    replication_competent: ["persistent_infection", "recombination", "shedding"],
    latency: ["latency_reactivation"],
    aav: ["long_term_expression"],
    systemic_in_vivo_editing: ["unexpected_biodistribution"],
    germline: ["other"],
  },
  durations: [
    { characteristic: "integrating_platform", years: 15, extendUntilNoRisk: true, citation: "≥ 15 years (CDE §2.2.3), until data show no risk (CDE §2.4.1)" },
    { characteristic: "integration_enhanced", years: 15, extendUntilNoRisk: true, citation: "treated as an integrating vector: ≥ 15 years (CDE §2.2.3)" },
    { characteristic: "gene_editing", years: 15, extendUntilNoRisk: true, citation: "15 years or until data show no risk (CDE §2.2.3)" },
    { characteristic: "replication_competent", years: 15, extendUntilNoRisk: true, citation: "15 years or until data show no risk of infection (CDE §2.2.3)" },
    { characteristic: "latency", years: 15, extendUntilNoRisk: true, citation: "15 years or until data show no risk of reactivation (CDE §2.2.3)" },
    { characteristic: "aav", years: 5, extendUntilNoRisk: true, citation: "5 years or until data show no risk (CDE §2.2.3)" },
  ],
  requirements: [
    { kind: "clinical_visit", when: [], period: "early", maxIntervalMonths: 12, citation: "CDE §2.3.2" },
    { kind: "remote_contact", when: [], period: "late", maxIntervalMonths: 12, citation: "CDE §2.3.2" },
    { kind: "persistence_sampling", when: [], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.3.2" },
    { kind: "integration_monitoring", when: ["integrating_platform", "integration_enhanced", "gene_editing"], period: "early", maxIntervalMonths: 6, citation: "CDE §2.4.1" },
    { kind: "integration_monitoring", when: ["integrating_platform", "integration_enhanced", "gene_editing"], period: "late", maxIntervalMonths: 12, citation: "CDE §2.4.1" },
    { kind: "off_target_monitoring", when: ["gene_editing"], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.4.2" },
    { kind: "off_target_monitoring_non_target_tissue", when: ["systemic_in_vivo_editing"], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.4.2" },
    { kind: "shedding_monitoring", when: ["replication_competent"], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.2.1(9)" },
    { kind: "pregnancy_fertility_monitoring", when: ["germline"], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.2.1(10)" },
    { kind: "surrogate_sampling", when: ["target_inaccessible"], period: "whole", maxIntervalMonths: 12, citation: "CDE §2.4.2" },
  ],
  triggers: [
    { id: "vector_positive_above_expected", action: "clonality_assessment", withinMonths: null, when: ["integrating_platform", "integration_enhanced", "gene_editing"], citation: "CDE §2.4.1" },
    { id: "dominant_clone", action: "confirm_retest_and_integration_site_analysis", withinMonths: 3, when: ["integrating_platform", "integration_enhanced", "gene_editing"], citation: "CDE §2.4.1" },
    { id: "clonal_expansion_or_oncogene_site", action: "shorten_testing_interval", withinMonths: 3, when: ["integrating_platform", "integration_enhanced", "gene_editing"], citation: "CDE §2.4.1" },
    { id: "rcl_rcr_suspected_ae", action: "rcl_rcr_testing", withinMonths: null, when: ["retroviral"], citation: "CDE §2.4.1" },
    { id: "suspected_related_ae", action: "causality_analysis_and_intensify_follow_up", withinMonths: null, when: [], citation: "CDE §2.3.2" },
    { id: "persistence_at_period_end", action: "extend_follow_up", withinMonths: null, when: [], citation: "CDE §2.3.2" },
  ],
  noLtfuRationale:
    "platform {platform} has no integrating, gene-editing, persistent-infection, latency or AAV characteristic: long-term follow-up may not be required; the sponsor must justify no LTFU and record the communication with the regulator (CDE §2.2.3)",
};

export const RULE_SETS: Record<string, RuleSet> = { [CDE_2021.id]: CDE_2021 };
