import type { rulesEn } from "@/lib/i18n/messages/rules.en";

/** 界面中的规则引擎术语：要求类型、触发条件、风险因素。 */
export const rulesZhCN: Record<keyof typeof rulesEn, string> = {};
