import { z } from "zod";
import type { ApiOperation } from "@/lib/api/operation";
import { ZCreateProductApi } from "@/lib/validation/product";

// The derivation is the RULES-CONTRACT output; described loosely here, exactly in ../shared/spec/RULES-CONTRACT.md.
const ZDerivationDoc = z.object({
  ltfuRequired: z.boolean(),
  durationYears: z.number().int(),
  extendUntilNoRisk: z.boolean(),
  riskFactors: z.array(z.string()),
  requirements: z.array(z.object({ kind: z.string(), fromMonth: z.number().int(), toMonth: z.number().int(), maxIntervalMonths: z.number().int(), citation: z.string() })),
  triggers: z.array(z.object({ id: z.string(), action: z.string(), withinMonths: z.number().int().nullable(), citation: z.string() })),
  rationale: z.array(z.string()),
});

export const productOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/products",
    summary: "The organisation's products with their current derivation",
    permission: "product:read",
    success: { status: 200, description: "products", schema: z.object({ products: z.array(z.object({ id: z.string(), name: z.string(), code: z.string(), modality: z.string(), profileVersion: z.number().int(), derivation: ZDerivationDoc.nullable() })) }) },
  },
  {
    method: "post",
    path: "/api/v1/products",
    summary: "Create a product from its risk profile (the rules-contract input); returns the derivation",
    permission: "product:manage",
    body: ZCreateProductApi,
    success: { status: 201, description: "created", schema: z.object({ id: z.string(), derivation: ZDerivationDoc }) },
    errors: [400, 409],
  },
  {
    method: "get",
    path: "/api/v1/products/{id}",
    summary: "One product with its current profile, factors and stored derivation (with today's engine's beside it when different)",
    permission: "product:read",
    success: {
      status: 200,
      description: "the product",
      schema: z
        .object({
          id: z.string(),
          name: z.string(),
          code: z.string(),
          profileVersion: z.number().int(),
          derivation: ZDerivationDoc,
          ruleSet: z.string(),
          engineVersion: z.string(),
          derivationToday: z.object({ derivation: ZDerivationDoc, ruleSet: z.string(), engineVersion: z.string() }).nullable(),
        })
        .loose(),
    },
    errors: [404],
  },
];
