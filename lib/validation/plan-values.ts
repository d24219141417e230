/**
 * The plan format's value lists, without zod: client components import these (zod would add
 * ~30 kB to the browser); lib/validation/plan.ts builds its schemas on them and re-exports them.
 */
/** Requirement kinds of a derivation; also the activity kinds of a plan (RULES-CONTRACT.md). */
export const REQUIREMENT_KINDS = [
  "clinical_visit",
  "remote_contact",
  "persistence_sampling",
  "integration_monitoring",
  "off_target_monitoring",
  "off_target_monitoring_non_target_tissue",
  "shedding_monitoring",
  "pregnancy_fertility_monitoring",
  "surrogate_sampling",
] as const;
export type TRequirementKind = (typeof REQUIREMENT_KINDS)[number];

export const CONTACT_MODES = ["clinic", "home", "phone", "questionnaire"] as const;
export type TContactMode = (typeof CONTACT_MODES)[number];

/** Activity kinds that draw a sample (their activities carry a sample type, assay and surrogate flag). */
export const SAMPLE_KINDS: ReadonlySet<TRequirementKind> = new Set([
  "persistence_sampling",
  "integration_monitoring",
  "off_target_monitoring",
  "off_target_monitoring_non_target_tissue",
  "shedding_monitoring",
  "surrogate_sampling",
]);

/** Sample types the editor offers; the plan format accepts any string (RULES-CONTRACT.md). */
export const SAMPLE_TYPES = [
  "peripheral_blood",
  "bone_marrow",
  "plasma",
  "serum",
  "urine",
  "saliva",
  "buccal_swab",
  "semen",
  "stool",
  "cerebrospinal_fluid",
  "tissue_biopsy",
  "tumour_biopsy",
] as const;
