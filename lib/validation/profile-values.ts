/** The risk profile's value lists, without zod (client components import these). */

/** Vector / product platform (RULES-CONTRACT.md, input table). */
export const PLATFORMS = [
  "gamma_retrovirus",
  "lentivirus",
  "other_retrovirus",
  "transposon",
  "aav",
  "adenovirus",
  "hsv",
  "poxvirus",
  "other_virus",
  "bacterial",
  "plasmid",
  "rna",
  "other_nonviral",
] as const;
export type TPlatform = (typeof PLATFORMS)[number];

/** Route of administration; `intravenous` and `intra_arterial` are systemic. */
export const ROUTES = [
  "intravenous",
  "intra_arterial",
  "subretinal",
  "intravitreal",
  "intramuscular",
  "intratumoral",
  "intrathecal",
  "intracerebral",
  "subcutaneous",
  "intradermal",
  "inhaled",
  "other_local",
] as const;
export type TRoute = (typeof ROUTES)[number];
