import type { productsEn } from "@/lib/i18n/messages/products.en";

/** 产品与风险因素（CDE §2.2.1、§2.2.3）。 */
export const productsZhCN: Record<keyof typeof productsEn, string> = {};
