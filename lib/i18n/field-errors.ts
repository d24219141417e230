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
  "must not be before from": "不得早于起始日期",
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
  // Site work: subjects, visits, signatures.
  required: "必填",
  "answer yes or no": "请选择是或否",
  "choose an answer": "请选择一项",
  "enter the subject code": "请输入受试者编号",
  "letters, digits, '.', '_' or '-' only": "只能包含字母、数字、.、_ 和 -",
  "must be a whole year": "须为整数年份",
  "must be 1900 or later": "须不早于 1900 年",
  "must be 2200 or earlier": "须不晚于 2200 年",
  "enter the product lot (CDE §3 traceability)": "请输入产品批号（CDE §3 可追溯性）",
  "say how (phone, letter…)": "请说明联系方式（电话、信函等）",
  "say what happened": "请说明联系结果",
  "say why the subject withdrew": "请说明受试者退出的原因",
  "enter the cause of death": "请输入死亡原因",
  "document at least three contact attempts on different dates before declaring the subject lost to follow-up": "判定失访前，须记录至少三次不同日期的联系尝试",
  "must not be after the status date": "不得晚于状态日期",
  "say why this unscheduled visit took place": "请说明计划外访视的原因",
  "an unscheduled visit is recorded when it took place": "计划外访视只在实际发生时记录",
  "name the scheduled visit (e.g. M06)": "请指明计划访视（例如 M06）",
  "say why the visit was missed": "请说明访视缺失的原因",
  "record the §2.3.2 assessments of a completed visit": "已完成的访视须记录 §2.3.2 规定的评估内容",
  "say why the record changes (audit trail)": "请说明修改记录的原因（稽查轨迹）",
  "enter your password to sign": "请输入密码以签名",
  'describe exposure to carcinogenic, mutagenic or other drugs, or "none"': "请描述致癌、致突变药物或其他药物的暴露情况，或填写“none”（无）",
  // Safety: adverse events, sample results, escalations, the product's expected range.
  "a % vector-positive result needs its value": "载体序列阳性细胞比例结果须填写数值",
  "a % vector-positive value must be between 0 and 100": "载体序列阳性细胞比例须在 0 到 100 之间",
  "a clone finding needs detected true": "克隆相关发现须以“检出”为前提",
  "a serious adverse event needs at least one seriousness criterion": "严重不良事件须至少选择一项严重性标准",
  "a vector copy number cannot be negative": "载体拷贝数不能为负数",
  "enter the adverse event term": "请输入不良事件名称",
  "lists a criterion twice": "重复选择了同一标准",
  "must be a finite number": "须为有限数值",
  "must be a number": "须为数字",
  "must be a whole number from 1 to 5": "须为 1 到 5 的整数",
  "must be between 0 and 100": "须在 0 到 100 之间",
  "must be from 1 to 5": "须在 1 到 5 之间",
  "must be true or false": "须为是或否",
  "name the sample type (e.g. peripheral_blood)": "请填写样本类型（例如 peripheral_blood 外周血）",
  "only a serious adverse event has seriousness criteria": "只有严重不良事件才有严重性标准",
  "only clonality and integration-site analysis results report clones": "只有克隆性和整合位点分析结果才报告克隆情况",
  "say what was done (retest result, analysis, decision)": "请说明已采取的措施（复测结果、分析、决定）",
  "say why the adverse event changes": "请说明修改不良事件的原因",
  "say why the expected range changes": "请说明修改预期范围的原因",
  // Fixed refusals of the site-work services (messages without values).
  "password: the password is not correct; the visit is not signed (21 CFR 11.200)": "密码不正确，访视未签名（21 CFR 11.200）",
  "The visit is already signed.": "该访视已签名。",
  "password: 5 wrong passwords in 15 minutes; signing is locked for a while (21 CFR 11.300)": "15 分钟内密码错误 5 次，签名功能暂时锁定（21 CFR 11.300）",
  "The study has no active LTFU plan: a subject cannot be followed without one (CDE §2.3.2).": "该研究尚无已激活的长期随访计划，无法开展受试者随访（CDE §2.3.2）。",
  "siteId: no such site of this study among your sites": "您所在的研究中心中没有该研究的此中心",
  "consentVersion: the study has no active consent version (CDE §2.3.1)": "该研究尚无已激活的知情同意书版本（CDE §2.3.1）",
  "version: this visit record was changed meanwhile; reload it, your input is kept": "该访视记录已被他人修改，请重新加载；您输入的内容已保留",
  "version: the subject was changed meanwhile; reload it": "该受试者记录已被他人修改，请重新加载",
  "No such subject.": "未找到该受试者。",
  "No such visit record.": "未找到该访视记录。",
  // A page's address (BadParams): the page number of a list.
  "expected a page number from 1": "须为从 1 开始的页码",
  "not a subject status": "不是受试者状态",
  "not one of the dashboard's lists": "不是仪表板中的列表",
  "not a column the list sorts by": "不是可排序的列",
  "expected asc or desc": "须为 asc 或 desc",
};

/** Messages with values in them: the English pattern and its Chinese rendering. */
const ZH_CN_PATTERNS: [RegExp, string][] = [
  [/^must be at most (\d+) characters$/, "最多 $1 个字符"],
  [/^must be between (\S+) and (\S+)$/, "须在 $1 至 $2 之间"],
  [/^expected a whole number from (\d+)$/, "须为不小于 $1 的整数"],
  // zod's own message for an empty number field a form posted (no value: the field was left empty).
  [/^Invalid input: expected \w+, received (undefined|NaN)$/, "必填"],
];

export function translateFieldError(locale: Locale, message: string): string {
  if (locale !== "zh-CN") return message;
  const exact = ZH_CN[message];
  if (exact) return exact;
  for (const [pattern, replacement] of ZH_CN_PATTERNS) if (pattern.test(message)) return message.replace(pattern, replacement);
  return message;
}

export const FIELD_ERROR_MESSAGES_ZH_CN: Readonly<Record<string, string>> = ZH_CN;
