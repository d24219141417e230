import type { MessageKey } from "@/lib/i18n/messages/en";
import { formatRationale } from "@/lib/i18n/rationale";
import type { Translate } from "@/lib/i18n/translate";
import type { RationaleEntry } from "@/lib/rules/derive-requirements";

/** The derivation as RULES-CONTRACT.md defines it (the panel reads nothing else). */
export interface DerivationView {
  ltfuRequired: boolean;
  durationYears: number;
  extendUntilNoRisk: boolean;
  riskFactors: string[];
  requirements: { kind: string; fromMonth: number; toMonth: number; maxIntervalMonths: number; citation: string }[];
  triggers: { id: string; action: string; withinMonths: number | null; citation: string }[];
  rationale: string[];
}

/**
 * What the guideline requires for a profile, every line with its clause: duration,
 * requirements by period, escalation triggers and the engine's rationale (CDE §2.2.3, §2.3.2, §2.4).
 * Not a client component: a server page renders it with the server's translator (no JavaScript
 * shipped); the product editor renders it live with the browser's.
 */
export function DerivationPanel({
  derivation,
  explanation,
  ruleSet = "CDE-2021",
  engineVersion,
  caption,
  id = "derivation",
  t,
}: {
  derivation: DerivationView;
  explanation?: RationaleEntry[] | null;
  ruleSet?: string;
  /** The rules engine that computed a stored derivation. */
  engineVersion?: string;
  /** Which derivation this is (stored with a version, or today's engine's). */
  caption?: string;
  /** Distinguishes panels shown side by side (element ids, test ids). */
  id?: string;
  t: Translate;
}) {
  // The engine's rationale as data renders in the reader's language; its English strings are the fallback.
  const rationale = explanation ? explanation.map((entry) => formatRationale(entry, t, (p) => t(`platform.${p}` as MessageKey))) : derivation.rationale;
  return (
    <section className="card flex flex-col gap-3" aria-labelledby={`${id}-heading`} data-testid={id}>
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {t("derivation.title")}
        </h2>
        <span className="text-xs text-slate-500" data-testid={`${id}-engine`}>
          {engineVersion ? t("snapshot.engine", { ruleSet, engineVersion }) : t("derivation.ruleSet", { ruleSet })}
        </span>
      </div>
      {caption ? <p className="text-sm text-slate-600">{caption}</p> : null}
      {derivation.ltfuRequired ? (
        <p data-testid={`${id}-duration`}>
          <strong>{t("derivation.duration")}:</strong> {t("derivation.years", { years: derivation.durationYears })}
          {derivation.extendUntilNoRisk ? ` ${t("derivation.extendUntilNoRisk")}` : ""} <span className="text-xs text-slate-500">(CDE §2.2.3)</span>
        </p>
      ) : (
        <p className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid={`${id}-duration`}>
          {t("derivation.noLtfu")}
        </p>
      )}
      {derivation.riskFactors.length > 0 ? (
        <p className="text-sm">
          <strong>{t("derivation.riskFactors")}:</strong> {derivation.riskFactors.map((f) => t(`factor.${f}` as MessageKey)).join(", ")}
        </p>
      ) : null}
      {derivation.requirements.length > 0 ? (
        <div className="relative overflow-x-auto">
        <table className="table" data-testid={`${id}-requirements`}>
          <caption className="text-left font-semibold">{t("derivation.requirements")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("derivation.kind")}</th>
              <th scope="col">{t("derivation.period")}</th>
              <th scope="col">{t("derivation.maxInterval")}</th>
              <th scope="col">{t("derivation.clause")}</th>
            </tr>
          </thead>
          <tbody>
            {derivation.requirements.map((r) => (
              <tr key={`${r.kind}-${r.fromMonth}`}>
                <td>{t(`kind.${r.kind}` as MessageKey)}</td>
                <td>
                  {r.fromMonth}–{r.toMonth}
                </td>
                <td>{t("derivation.months", { months: r.maxIntervalMonths })}</td>
                <td className="whitespace-nowrap">{r.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
      {derivation.triggers.length > 0 ? (
        <div className="relative overflow-x-auto">
        <table className="table">
          <caption className="text-left font-semibold">{t("derivation.triggers")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("derivation.trigger")}</th>
              <th scope="col">{t("derivation.action")}</th>
              <th scope="col">{t("derivation.clause")}</th>
            </tr>
          </thead>
          <tbody>
            {derivation.triggers.map((tr) => (
              <tr key={tr.id}>
                <td>{t(`trigger.${tr.id}` as MessageKey)}</td>
                <td>
                  {t(`action.${tr.action}` as MessageKey)}
                  {tr.withinMonths !== null ? ` (${t("derivation.within", { months: tr.withinMonths })})` : ""}
                </td>
                <td className="whitespace-nowrap">{tr.citation}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      ) : null}
      <details open>
        <summary className="cursor-pointer font-semibold">{t("derivation.rationale")}</summary>
        <ul className="mt-1 list-disc pl-6 text-sm" data-testid={`${id}-rationale`}>
          {rationale.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
