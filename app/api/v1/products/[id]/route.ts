import { defineRoute } from "@/lib/auth/route";
import { getProduct } from "@/lib/db/products";
import { AppError } from "@/lib/errors";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { ZRiskProfile } from "@/lib/validation/profile";

export const GET = defineRoute({
  permission: "product:read",
  handler: async ({ actor, params, db }) => {
    const product = await getProduct(db, { actor, productId: params.id ?? "" });
    if (!product) throw new AppError("not_found", "No such product.");
    const current = product.profileVersions[0]!;
    const profile = ZRiskProfile.parse(current.profile);
    return {
      id: product.id,
      name: product.name,
      code: product.code,
      modality: product.modality,
      profileVersion: current.version,
      profile,
      factors: current.factors,
      // Re-derived from the stored profile: the current rules, byte for byte what `ltfu-plan` prints.
      derivation: deriveRequirements(profile),
      noLtfuJustification: product.noLtfuJustification,
      regulatorCommunication: product.regulatorCommunication,
      monitoring: { expectedVectorPositivePercentMax: product.expectedVectorPositivePercentMax },
    };
  },
});
