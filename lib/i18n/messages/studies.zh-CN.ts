import type { studiesEn } from "@/lib/i18n/messages/studies.en";

/** 临床研究、研究中心与成员、知情同意书版本（CDE §2.3.1）。 */
export const studiesZhCN: Record<keyof typeof studiesEn, string> = {};
