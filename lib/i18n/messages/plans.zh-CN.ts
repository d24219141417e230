import type { plansEn } from "@/lib/i18n/messages/plans.en";

/** 长期随访计划版本、校验、随访记录指导（CDE §2.3.2、§2.4）。 */
export const plansZhCN: Record<keyof typeof plansEn, string> = {};
