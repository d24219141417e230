/**
 * The coded values of the safety forms, zod-free so that a client component can list them
 * without shipping the schemas (lib/validation/safety.ts builds its enums from them).
 */

/** The target events of CDE §2.3.2 (new, recurrent or worsened disease), plus `other`. */
export const AE_CATEGORIES = ["malignancy", "neurological", "immunogenic_autoimmune", "infection", "haematological", "other"] as const;

export const AE_RELATEDNESS = ["unrelated", "unlikely", "possible", "probable", "definite"] as const;

export const AE_OUTCOMES = ["recovered", "recovering", "not_recovered", "recovered_with_sequelae", "fatal", "unknown"] as const;

/** Seriousness criteria of ICH E2A. */
export const SERIOUSNESS_CRITERIA = ["death", "life_threatening", "hospitalisation", "disability", "congenital_anomaly", "important_medical_event"] as const;

export const SAMPLE_RESULT_KINDS = [
  "persistence",
  "vector_copy_number",
  "vector_positive_percent",
  "clonality",
  "integration_site_analysis",
  "rcl_rcr",
  "off_target",
  "shedding",
] as const;
