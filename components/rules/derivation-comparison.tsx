import { DerivationPanel, type DerivationView } from "@/components/rules/derivation-panel";
import type { Translate } from "@/lib/i18n/translate";
import type { RationaleEntry } from "@/lib/rules/derive-requirements";

interface Side {
  derivation: DerivationView;
  explanation: RationaleEntry[] | null;
  ruleSet: string;
  engineVersion: string;
  caption: string;
}

/**
 * A stored derivation beside what today's rules engine derives from the same profile, shown
 * only when they differ: the stored one stays what was decided on.
 */
/** A server component: rendered with the server's translator, no JavaScript shipped. */
export function DerivationComparison({ stored, today, notice, t }: { stored: Side; today: Side; notice?: string; t: Translate }) {
  return (
    <section className="flex flex-col gap-3" data-testid="derivation-comparison" aria-label={t("snapshot.differs")}>
      <p role="status" className="rounded bg-amber-50 p-3 text-sm text-amber-900">
        {t("snapshot.differs")}
        {notice ? ` ${notice}` : ""}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <DerivationPanel id="derivation-stored" {...stored} t={t} />
        <DerivationPanel id="derivation-today" {...today} t={t} />
      </div>
    </section>
  );
}
