import type { Locale } from "@/lib/i18n/translate";

/**
 * The shared zod schemas speak English: the API and the commands return their messages as
 * they are (naming the field). Forms show them in the reader's language through this table,
 * keyed by the schema's message; a message not listed (zod's own, or one with values in it)
 * shows as written. tests/unit/field-errors.test.ts fails on a schema message missing here.
 */
const ZH_CN: Record<string, string> = {
  "an investigator must be assigned to at least one site": "研究者至少需要分配到一个研究中心",
  "at least 8 characters": "至少 8 个字符",
  "at least one plan version is needed": "至少需要一个随访计划版本",
  "at most 20 characters": "最多 20 个字符",
  "at most 256 characters": "最多 256 个字符",
  "enter a site code": "请输入研究中心代码",
  "enter a valid e-mail address": "请输入有效的电子邮箱地址",
  "enter the country": "请输入国家",
  "enter the document title": "请输入文件标题",
  "enter the product code": "请输入产品代码",
  "enter the product name": "请输入产品名称",
  "enter the protocol number": "请输入方案编号",
  "enter the site name": "请输入研究中心名称",
  "enter the study title": "请输入研究标题",
  "enter the user's name": "请输入用户姓名",
  "enter your password": "请输入密码",
  "give a reason": "请填写原因",
  "give the justification for no long-term follow-up": "请填写不开展长期随访的依据",
  "give the token a name": "请为令牌命名",
  "letters, digits, - and _ only": "只能包含字母、数字、- 和 _",
  "letters, digits, -, _ and . only": "只能包含字母、数字、-、_ 和 .",
  "must be an existing calendar date YYYY-MM-DD": "须为存在的日期（YYYY-MM-DD）",
  "record the communication with the regulator (date, meeting, minutes reference)": "请记录与药品监督管理部门的沟通情况（日期、会议、纪要编号）",
  "say why the risk profile changes (new data, regulator feedback…)": "请说明风险特征变更的原因（新数据、监管反馈等）",
  "say why the derivation is re-assessed": "请说明重新评估推导结果的原因",
  "say why this plan version is activated (initial plan, amendment…)": "请说明激活此随访计划版本的原因（初始计划、方案修订等）",
  "say why this version is activated (e.g. new risk information)": "请说明激活此版本的原因（例如新的风险信息）",
  "name at least one evidence source (non-clinical, clinical, similar products)": "请至少选择一个证据来源（非临床数据、临床数据、同类产品）",
  "only investigators are assigned to sites": "只有研究者才分配到研究中心",
  "an investigator needs at least one --site CODE": "研究者至少需要一个 --site 研究中心代码",
  "puts the follow-up end after 9999-12-31": "使随访结束日期晚于 9999-12-31",
  "puts the visit window after 9999-12-31": "使访视窗晚于 9999-12-31",
  "must not contain a NUL character or an unpaired surrogate": "不得包含 NUL 字符或不成对的代理字符",
  "must not be empty": "不得为空",
  "must be at most 600 months (50 years)": "最多 600 个月（50 年）",
  "at most 500 visits": "最多 500 次访视",
  "at most 30 activities per visit": "每次访视最多 30 项活动",
  "at most 200 justifications": "最多 200 条理由说明",
  "must not be after the end of follow-up (durationMonths)": "不得晚于随访期结束（durationMonths）",
};

/** Messages with values in them: the English pattern and its Chinese rendering. */
const ZH_CN_PATTERNS: [RegExp, string][] = [
  [/^must be at most (\d+) characters$/, "最多 $1 个字符"],
  [/^must be between (\S+) and (\S+)$/, "须在 $1 至 $2 之间"],
];

export function translateFieldError(locale: Locale, message: string): string {
  if (locale !== "zh-CN") return message;
  const exact = ZH_CN[message];
  if (exact) return exact;
  for (const [pattern, replacement] of ZH_CN_PATTERNS) if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}

export const FIELD_ERROR_MESSAGES_ZH_CN: Readonly<Record<string, string>> = ZH_CN;
