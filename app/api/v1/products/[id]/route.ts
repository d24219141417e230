import { defineRoute } from "@/lib/auth/route";
import { getProduct } from "@/lib/db/products";
import { AppError } from "@/lib/errors";
import { compareProfileDerivation } from "@/lib/products/products";
import { ZRiskProfile } from "@/lib/validation/profile";

export const GET = defineRoute({
  permission: "product:read",
  handler: async ({ actor, params, db }) => {
    const product = await getProduct(db, { actor, productId: params.id ?? "" });
    if (!product) throw new AppError("not_found", "No such product.", undefined, { key: "refusal.noSuchProduct" });
    const current = product.profileVersions[0]!;
    const profile = ZRiskProfile.parse(current.profile);
    const today = compareProfileDerivation(current);
    return {
      id: product.id,
      name: product.name,
      code: product.code,
      modality: product.modality,
      profileVersion: current.version,
      profile,
      factors: current.factors,
      // As stored with the profile version (what was decided on), with the engine that computed it.
      derivation: current.derivation,
      ruleSet: current.ruleSet,
      engineVersion: current.engineVersion,
      // What today's rules engine derives from the same profile, only when it differs.
      derivationToday: today.differs ? { derivation: today.current.derivation, ruleSet: today.current.ruleSet, engineVersion: today.current.engineVersion } : null,
      noLtfuJustification: product.noLtfuJustification,
      regulatorCommunication: product.regulatorCommunication,
      monitoring: { expectedVectorPositivePercentMax: product.expectedVectorPositivePercentMax },
    };
  },
});
