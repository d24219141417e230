import { coreEn } from "@/lib/i18n/messages/core.en";
import { productsEn } from "@/lib/i18n/messages/products.en";
import { studiesEn } from "@/lib/i18n/messages/studies.en";
import { plansEn } from "@/lib/i18n/messages/plans.en";
import { rulesEn } from "@/lib/i18n/messages/rules.en";
import { integrityEn } from "@/lib/i18n/messages/integrity.en";
import { errorsEn } from "@/lib/i18n/messages/errors.en";
import { subjectsEn } from "@/lib/i18n/messages/subjects.en";
import { safetyEn } from "@/lib/i18n/messages/safety.en";
import { monitoringEn } from "@/lib/i18n/messages/monitoring.en";
import { exportsEn } from "@/lib/i18n/messages/exports.en";

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
  ...integrityEn,
  ...errorsEn,
  ...subjectsEn,
  ...safetyEn,
  ...monitoringEn,
  ...exportsEn,
} as const;

export type MessageKey = keyof typeof en;
