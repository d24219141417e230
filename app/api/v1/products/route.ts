import { defineRoute } from "@/lib/auth/route";
import { listProducts } from "@/lib/db/products";
import { createProduct } from "@/lib/products/products";
import { ZCreateProductApi } from "@/lib/validation/product";

export const GET = defineRoute({
  permission: "product:read",
  handler: async ({ actor, db }) => {
    const products = await listProducts(db, { actor });
    return {
      products: products.map((p) => ({ id: p.id, name: p.name, code: p.code, modality: p.modality, profileVersion: p.currentProfileVersion, derivation: p.profileVersions[0]?.derivation ?? null })),
    };
  },
});

export const POST = defineRoute({
  permission: "product:manage",
  body: ZCreateProductApi,
  status: 201,
  handler: async ({ actor, body, db }) => {
    const { product, derivation } = await createProduct(db, { actor, input: body });
    return { id: product.id, derivation };
  },
});
