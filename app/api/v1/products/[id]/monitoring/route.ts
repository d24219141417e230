import { defineRoute } from "@/lib/auth/route";
import { updateProductMonitoring } from "@/lib/products/monitoring";
import { ZUpdateProductMonitoring } from "@/lib/validation/safety";

export const PATCH = defineRoute({
  params: { id: "id" },
  permission: "product:manage",
  body: ZUpdateProductMonitoring,
  handler: async ({ actor, body, params, db }) => {
    const product = await updateProductMonitoring(db, { actor, productId: params.id ?? "", input: body });
    return { id: product.id, monitoring: { expectedVectorPositivePercentMax: product.expectedVectorPositivePercentMax } };
  },
});
