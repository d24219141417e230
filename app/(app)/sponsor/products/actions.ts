"use server";

import { defineFormAction } from "@/lib/forms/form-action";
import { updateProductMonitoring } from "@/lib/products/monitoring";
import { createProduct, reassessRiskProfile, setNoLtfuJustification, updateRiskProfile } from "@/lib/products/products";
import { ZCreateProduct, ZNoLtfuJustification, ZReassessRiskProfile, ZUpdateRiskProfile } from "@/lib/validation/product";
import { ZUpdateProductMonitoring } from "@/lib/validation/safety";

export const createProductAction = defineFormAction({
  permission: "product:manage",
  input: ZCreateProduct,
  handler: async ({ actor, input, db }) => {
    const { product } = await createProduct(db, { actor, input });
    return { id: product.id };
  },
  revalidate: () => ["/sponsor/products"],
});

export const updateRiskProfileAction = defineFormAction({
  permission: "product:manage",
  input: ZUpdateRiskProfile,
  handler: async ({ actor, input, db }) => {
    const { version, nonCompliantPlans } = await updateRiskProfile(db, { actor, input });
    return { version, nonCompliantPlans: nonCompliantPlans.map((p) => ({ studyId: p.studyId, protocolNumber: p.protocolNumber, version: p.version, violations: p.violations.length })) };
  },
  revalidate: (input) => ["/sponsor/products", `/sponsor/products/${input.productId}`],
});

export const setNoLtfuJustificationAction = defineFormAction({
  permission: "product:manage",
  input: ZNoLtfuJustification,
  handler: async ({ actor, input, db }) => {
    await setNoLtfuJustification(db, { actor, input });
    return { productId: input.productId };
  },
  revalidate: (input) => [`/sponsor/products/${input.productId}`],
});

export const reassessRiskProfileAction = defineFormAction({
  permission: "product:manage",
  input: ZReassessRiskProfile,
  handler: async ({ actor, input, db }) => {
    const { version, nonCompliantPlans } = await reassessRiskProfile(db, { actor, input });
    return { version, nonCompliantPlans: nonCompliantPlans.map((p) => ({ studyId: p.studyId, protocolNumber: p.protocolNumber, version: p.version, violations: p.violations.length })) };
  },
  revalidate: (input) => ["/sponsor/products", `/sponsor/products/${input.productId}`],
});

export const updateProductMonitoringAction = defineFormAction({
  permission: "product:manage",
  input: ZUpdateProductMonitoring.extend({ productId: ZUpdateRiskProfile.shape.productId }),
  handler: async ({ actor, input, db }) => {
    const { productId, ...change } = input;
    const product = await updateProductMonitoring(db, { actor, productId, input: change });
    return { productId: product.id };
  },
  revalidate: (input) => [`/sponsor/products/${input.productId}`],
});
