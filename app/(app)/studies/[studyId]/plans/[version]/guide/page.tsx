import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { PageHeader } from "@/components/ui/page-header";
import { sampleTypeLabel } from "@/lib/i18n/sample-type";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { getPlanVersion } from "@/lib/db/plan-versions";
import { getStudy } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { getPlanVersionDerivation } from "@/lib/plans/plan-versions";
import { ZPlan } from "@/lib/validation/plan";

/** The follow-up record guide (CDE §2.3.2): per visit, what investigators and other staff record. Printable. */
export default async function RecordGuidePage({ params }: { params: Promise<{ studyId: string; version: string }> }) {
  const actor = await requirePageActor("plan:read");
  const { studyId, version } = await pageParams(params, { studyId: "id", version: "int" });
  const t = await getTranslator();
  const db = getDb();
  const study = await getStudy(db, { actor, studyId });
  const row = study ? await getPlanVersion(db, { actor, studyId, version }) : null;
  if (!study || !row) notFound();
  const plan = ZPlan.parse(row.plan);
  const { derivation } = await getPlanVersionDerivation(db, { studyId, planVersion: row });
  const citationOf = (kind: string) => derivation.requirements.find((r) => r.kind === kind)?.citation ?? "CDE §2.3.2";
  const visits = [...plan.visits].sort((a, b) => a.offsetMonths - b.offsetMonths);
  return (
    <article className="mx-auto flex max-w-3xl flex-col gap-4 print:max-w-none" data-testid="record-guide">
      <PageHeader title={t("guide.title", { protocol: study.protocolNumber, version: row.version })} actions={<PrintButton label={t("guide.print")} />} />
      <p className="text-slate-700">{t("guide.intro")}</p>
      <section className="card">
        <h2 className="font-semibold">{t("guide.always")}</h2>
        <p className="text-sm">{t("guide.alwaysText")}</p>
      </section>
      {visits.map((visit) => {
        const kinds = [...new Set(visit.activities.map((a) => a.kind))];
        return (
          <section key={visit.id} className="card break-inside-avoid">
            <h2 className="font-semibold">
              {t("guide.visit", { id: visit.id, month: visit.offsetMonths, before: visit.windowDaysBefore, after: visit.windowDaysAfter, mode: t(`contact.${visit.contactMode}`) })}
            </h2>
            <ul className="mt-2 list-disc pl-6 text-sm">
              {(kinds.length ? kinds : (["remote_contact"] as const)).map((kind) => {
                const samples = visit.activities.filter((a) => a.kind === kind && a.sampleType);
                return (
                  <li key={kind}>
                    <strong>{t(`kind.${kind}` as MessageKey)}</strong> ({citationOf(kind)}): {t(`guide.record.${kind}` as MessageKey)}
                    {samples.length
                      ? ` [${samples
                          .map((s) => [`${t("plans.sampleType")}: ${sampleTypeLabel(t, s.sampleType!)}`, s.assay ? `${t("plans.assay")}: ${s.assay}` : null, s.surrogate ? t("plans.surrogate") : null].filter(Boolean).join(", "))
                          .join("; ")}]`
                      : ""}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {derivation.triggers.length > 0 ? (
        <section className="card break-inside-avoid">
          <h2 className="font-semibold">{t("guide.triggers")}</h2>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {derivation.triggers.map((trigger) => (
              <li key={trigger.id}>
                {t(`trigger.${trigger.id}` as MessageKey)} → {t(`action.${trigger.action}` as MessageKey)}
                {trigger.withinMonths !== null ? ` (${t("derivation.within", { months: trigger.withinMonths })})` : ""} — {trigger.citation}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
