import type { MessageKey } from "@/lib/i18n/messages/en";
import { coreZhCN } from "@/lib/i18n/messages/core.zh-CN";
import { productsZhCN } from "@/lib/i18n/messages/products.zh-CN";
import { studiesZhCN } from "@/lib/i18n/messages/studies.zh-CN";
import { plansZhCN } from "@/lib/i18n/messages/plans.zh-CN";
import { rulesZhCN } from "@/lib/i18n/messages/rules.zh-CN";
import { subjectsZhCN } from "@/lib/i18n/messages/subjects.zh-CN";
import { safetyZhCN } from "@/lib/i18n/messages/safety.zh-CN";
import { monitoringZhCN } from "@/lib/i18n/messages/monitoring.zh-CN";

/** 简体中文界面文本；监管术语采用《基因治疗产品长期随访临床研究技术指导原则》的措辞。 */
export const zhCN: Record<MessageKey, string> = {
  ...coreZhCN,
  ...productsZhCN,
  ...studiesZhCN,
  ...plansZhCN,
  ...rulesZhCN,
  ...subjectsZhCN,
  ...safetyZhCN,
  ...monitoringZhCN,
};
