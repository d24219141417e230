/**
 * The coded values of subjects and visits, without zod: the client forms import these, so the
 * browser does not download the schemas (`npm run weight`). lib/validation/subject.ts and
 * visit.ts build their enums from them.
 */
export const SEXES = ["female", "male", "other", "unknown"] as const;
/** CDE §2.3.2: new or worsened disease categories asked at every visit. */
export const DISEASE_CATEGORIES = ["malignancy", "neurological", "immunogenic_autoimmune", "infection", "haematological", "other"] as const;
export const PREGNANCY_ANSWERS = ["not_applicable", "none", "subject_pregnant", "partner_pregnant", "fertility_concern", "unknown"] as const;
/** 21 CFR 11.50: the meaning of a signature, shown with it. */
export const SIGNATURE_MEANINGS = ["reviewed_and_approved", "authored", "verified"] as const;
