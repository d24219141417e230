import { z } from "zod";
import { PLATFORMS, ROUTES } from "@/lib/validation/profile-values";

export { PLATFORMS, ROUTES };

export const ZPlatform = z.enum(PLATFORMS);
export type TPlatform = z.infer<typeof ZPlatform>;

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
