import type { MessageKey } from "@/lib/i18n/messages/en";
import type { Translate } from "@/lib/i18n/translate";
import type { RationaleEntry } from "@/lib/rules/derive-requirements";

/**
 * A rationale line of the rules engine in the reader's language. `platformName` turns a
 * platform id into its label (the contract's English text keeps the raw id).
 */
export function formatRationale(entry: RationaleEntry, t: Translate, platformName: (platform: string) => string = (p) => p): string {
  const characteristic = (id: string, platform: string) => t(`rationale.characteristic.${id}` as MessageKey, { platform: platformName(platform) });
  switch (entry.key) {
    case "no_ltfu":
      return t("rationale.no_ltfu", { platform: platformName(entry.platform), citation: entry.citation });
    case "duration":
      return t("rationale.duration", { characteristic: characteristic(entry.characteristic, entry.platform), duration: t(`rationale.duration.${entry.characteristic}` as MessageKey) });
    case "longest_wins":
      return t("rationale.longest_wins", { years: entry.years, citation: entry.citation });
    case "characteristic":
      return characteristic(entry.characteristic, entry.platform);
    case "late_contact":
      return t("rationale.late_contact", { years: entry.years, citation: entry.citation });
  }
}
