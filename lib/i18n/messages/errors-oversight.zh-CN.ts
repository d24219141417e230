import type { errorsOversightEn } from "@/lib/i18n/messages/errors-oversight.en";

/** Chinese twin of errors-oversight.en.ts; terms as in the CDE LTFU guideline (不良事件, 整合位点, 长期随访). */
export const errorsOversightZhCN: Record<keyof typeof errorsOversightEn, string> = {
  "refusal.asOfInvalid": "asOf 须为存在的日历日期（YYYY-MM-DD，1900–2200 年）。",
  "refusal.noSuchSubject": "该受试者不存在。",
  "refusal.noSuchQuery": "该数据质疑不存在。",
  "refusal.noSuchQueryTarget": "该受试者没有此数据质疑所针对的记录（{id}）。",
  "refusal.queryVisitNotRecorded": "访视 {visit} 尚未记录（仅在计划中）：针对访视的数据质疑须针对其记录。请针对该受试者提出质疑。",
  "refusal.queryNotOpen": "只有待回复的数据质疑可以回复；请重新加载以查看其当前状态。",
  "refusal.queryNotAnswered": "只有已回复的数据质疑可以关闭；请重新加载以查看其当前状态。",
  "refusal.queryNotClosed": "只有已关闭的数据质疑可以重新开启；请重新加载以查看其当前状态。",
  "refusal.queryChangedMeanwhile": "该数据质疑已被他人修改，请重新加载。",
  "refusal.queryStatusFilter": "{field}：须为 open、answered 或 closed。",
  "refusal.dateBeforeDosing": "不得早于给药日期（{dosing}）。",
  "refusal.dateAfterToday": "不得晚于今天（{today}）。",
  "refusal.noSuchVisitRecordOfSubject": "{field}：该受试者没有此访视记录。",
  "refusal.noSuchAdverseEvent": "该不良事件不存在。",
  "refusal.adverseEventVersionConflict": "该不良事件已被他人修改（您读取的是第 {read} 版，现为第 {current} 版）；请重新加载，您的输入已保留。",
  "refusal.adverseEventChangedMeanwhile": "该不良事件已被他人修改，请重新加载。",
  "refusal.noSuchEscalation": "该升级处理不存在。",
  "refusal.escalationAlreadyResolved": "该升级处理已处理完毕。",
  "refusal.escalationChangedMeanwhile": "该升级处理已被他人修改，请重新加载。",
};
