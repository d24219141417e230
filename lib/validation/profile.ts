import { z } from "zod";

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
export const ZPlatform = z.enum(PLATFORMS);
export type TPlatform = z.infer<typeof ZPlatform>;

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
export const ZRoute = z.enum(ROUTES);
export type TRoute = z.infer<typeof ZRoute>;

/**
 * The product risk profile: the rules engine's input. Shared by the web forms,
 * server actions, the API and the `ltfu-plan` / `ltfu-suggest` commands.
 * Unknown fields are ignored (zod strips them), as the contract requires.
 */
export const ZRiskProfile = z.object({
  platform: ZPlatform,
  exVivo: z.boolean(),
  route: ZRoute,
  geneEditing: z.boolean(),
  replicationCompetent: z.boolean(),
  latency: z.boolean(),
  integrationEnhanced: z.boolean(),
  germlineDistribution: z.boolean(),
  targetTissueAccessible: z.boolean(),
});
export type TRiskProfile = z.infer<typeof ZRiskProfile>;
