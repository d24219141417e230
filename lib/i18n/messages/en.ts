import { coreEn } from "@/lib/i18n/messages/core.en";
import { productsEn } from "@/lib/i18n/messages/products.en";
import { studiesEn } from "@/lib/i18n/messages/studies.en";
import { plansEn } from "@/lib/i18n/messages/plans.en";
import { rulesEn } from "@/lib/i18n/messages/rules.en";
import { subjectsEn } from "@/lib/i18n/messages/subjects.en";
import { safetyEn } from "@/lib/i18n/messages/safety.en";
import { monitoringEn } from "@/lib/i18n/messages/monitoring.en";

/**
 * English UI text, one file per area (`<area>.en.ts`, with its `<area>.zh-CN.ts` twin) so
 * that areas can grow independently. zh-CN must define every key (the types enforce it).
 */
export const en = {
  ...coreEn,
  ...productsEn,
  ...studiesEn,
  ...plansEn,
  ...rulesEn,
  ...subjectsEn,
  ...safetyEn,
  ...monitoringEn,
} as const;

export type MessageKey = keyof typeof en;
