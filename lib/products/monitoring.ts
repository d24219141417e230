import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/auth/require-permission";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { getProduct } from "@/lib/db/products";
import { AppError } from "@/lib/errors";
import type { TUpdateProductMonitoring } from "@/lib/validation/safety";

/**
 * Change the product's expected maximum of vector-positive cells (CDE §2.4.1 "预期范围"), with
 * its reason, audited. It applies to results saved from now on; escalations already opened stay.
 */
export async function updateProductMonitoring(db: Db, options: { actor: Actor; productId: string; input: TUpdateProductMonitoring }) {
  const { actor, input } = options;
  requirePermission(actor, "product:manage");
  return db.$transaction(async (tx) => {
    const product = await getProduct(tx, { actor, productId: options.productId });
    if (!product) throw new AppError("not_found", "No such product.", undefined, { key: "refusal.noSuchProduct" });
    const updated = await tx.product.update({ where: { id: product.id }, data: { expectedVectorPositivePercentMax: input.expectedVectorPositivePercentMax } });
    await recordAudit(tx, actor, {
      entity: "Product",
      entityId: product.id,
      action: "update",
      oldValues: { "monitoring.expectedVectorPositivePercentMax": product.expectedVectorPositivePercentMax },
      newValues: { "monitoring.expectedVectorPositivePercentMax": updated.expectedVectorPositivePercentMax },
      reason: input.reason,
    });
    return updated;
  });
}
