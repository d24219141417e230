/**
 * The rules-engine functions the plan services and pages use, in one place: the plan
 * lifecycle reads the engine only through here.
 */
export { deriveRequirements, explainDerivation } from "@/lib/rules/derive-requirements";
export { suggestPlan } from "@/lib/rules/suggest-plan";
export { listUnjustifiedViolations, validatePlan, violationKey } from "@/lib/rules/validate-plan";
