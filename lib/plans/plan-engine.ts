/**
 * The rules-engine functions the plan services and pages use, in one place: the plan
 * lifecycle reads the engine only through here.
 */
export { deriveRequirements, explainDerivation, type Derivation, type RationaleEntry } from "@/lib/rules/derive-requirements";
export { CURRENT_ENGINE, deriveSnapshot, sameDerivation, type DerivationSnapshot, type RulesEngine } from "@/lib/rules/engine";
export type { RuleSet } from "@/lib/rules/rule-set";
export { suggestPlan } from "@/lib/rules/suggest-plan";
export { listUnjustifiedViolations, validatePlan, violationKey } from "@/lib/rules/validate-plan";
