import type { integrityEn } from "@/lib/i18n/messages/integrity.en";

/** 已保存的推导结果与当前规则引擎的对照、重新评估、稽查记录中的请求信息。 */
export const integrityZhCN: Record<keyof typeof integrityEn, string> = {
  "snapshot.engine": "规则集 {ruleSet} · 规则引擎 {engineVersion}",
  "snapshot.storedProfile": "随风险特征第 {version} 版保存",
  "snapshot.storedPlan": "生效时据以核查的要求（风险特征第 {version} 版）",
  "snapshot.today": "当前规则引擎（{engineVersion}），相同风险特征",
  "snapshot.differs": "当前规则引擎的推导结果与已保存的不同。系统不会自动变更：已保存的推导结果仍是当时决策的依据，已生效的计划版本保留其生效时据以核查的要求。",
  "snapshot.planDiffers": "按当前规则引擎，此计划版本将有 {count} 项未说明理由的不符合项。该版本保持生效时的状态；如需变更，请创建修订版本。",
  "snapshot.reassessTitle": "按当前规则引擎重新评估",
  "snapshot.reassessHint": "以相同的风险特征和当前的推导结果创建新的风险特征版本（记入稽查轨迹）。已生效的计划版本不会改变；新推导结果不接受的计划将列出，以便修订。",
  "snapshot.reassessReason": "重新评估的原因",
  "snapshot.reassessSubmit": "重新评估",
  "snapshot.reassessed": "已重新评估：风险特征第 {version} 版保存了当前的推导结果。",
  "audit.request": "请求",
};
