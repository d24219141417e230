import fc from "fast-check";
import { PLATFORMS, ROUTES, type TRiskProfile } from "@/lib/validation/profile";

/** A plain profile with no raising characteristic; tests override what they need. */
export function profileOf(overrides: Partial<TRiskProfile> = {}): TRiskProfile {
  return {
    platform: "plasmid",
    exVivo: false,
    route: "intramuscular",
    geneEditing: false,
    replicationCompetent: false,
    latency: false,
    integrationEnhanced: false,
    germlineDistribution: false,
    targetTissueAccessible: true,
    ...overrides,
  };
}

/** Any valid profile (fast-check), for property tests. */
export const arbProfile: fc.Arbitrary<TRiskProfile> = fc.record({
  platform: fc.constantFrom(...PLATFORMS),
  exVivo: fc.boolean(),
  route: fc.constantFrom(...ROUTES),
  geneEditing: fc.boolean(),
  replicationCompetent: fc.boolean(),
  latency: fc.boolean(),
  integrationEnhanced: fc.boolean(),
  germlineDistribution: fc.boolean(),
  targetTissueAccessible: fc.boolean(),
});
