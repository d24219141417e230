import type { TRiskProfile } from "@/lib/validation/profile";

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
