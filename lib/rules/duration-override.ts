import type { Derivation } from "@/lib/rules/derive-requirements";

export interface DurationDecision {
  derivedMonths: number;
  effectiveMonths: number;
  override: null | { direction: "extended" | "shortened"; months: number; justification: string; citation: "CDE §2.2.3" };
}

/**
 * The sponsor may extend or shorten the derived duration with a recorded justification
 * (CDE §2.2.3); the derived value and the override both stay visible.
 */
export function applyDurationOverride(derivation: Derivation, request: { durationMonths: number; justification?: string | null }): DurationDecision {
  const derivedMonths = derivation.durationYears * 12;
  if (!Number.isInteger(request.durationMonths) || request.durationMonths < 0) throw new RangeError("durationMonths: must be a whole number of months ≥ 0");
  if (request.durationMonths === derivedMonths) return { derivedMonths, effectiveMonths: derivedMonths, override: null };
  const justification = (request.justification ?? "").trim();
  if (!justification) throw new RangeError("justification: a duration other than the derived one needs a written justification (CDE §2.2.3)");
  return {
    derivedMonths,
    effectiveMonths: request.durationMonths,
    override: { direction: request.durationMonths > derivedMonths ? "extended" : "shortened", months: request.durationMonths, justification, citation: "CDE §2.2.3" },
  };
}
