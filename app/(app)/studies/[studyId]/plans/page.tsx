import Link from "next/link";
import { notFound } from "next/navigation";
import { NewPlanVersion } from "@/components/plans/new-plan-version";
import { PlanEditor } from "@/components/plans/plan-editor";
import { DerivationPanel } from "@/components/rules/derivation-panel";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listPlanVersions } from "@/lib/db/plan-versions";
import { getStudy } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { DerivationComparison } from "@/components/rules/derivation-comparison";
import { assessPlan, comparePlanDerivation, getStudyDerivation } from "@/lib/plans/plan-versions";
import { ZPlan } from "@/lib/validation/plan";
import type { TJustifications } from "@/lib/validation/plan-version";

export default async function PlansPage({ params }: { params: Promise<{ studyId: string }> }) {
  const actor = await requirePageActor("plan:read");
  const { studyId } = await pageParams(params, { studyId: "id" });
  const t = await getTranslator();
  const db = getDb();
  const study = await getStudy(db, { actor, studyId });
  if (!study) notFound();
  const [versions, current] = await Promise.all([listPlanVersions(db, { actor, studyId }), getStudyDerivation(db, { studyId })]);
  const { derivation, explanation } = current;
  const canManage = hasPermission(actor, "plan:manage");
  const draft = versions.find((v) => v.status === "DRAFT");
  const active = versions.find((v) => v.status === "ACTIVE");
  const activeAssessment = active ? assessPlan(ZPlan.parse(active.plan), derivation, active.justifications as TJustifications, active.durationOverrideJustification) : null;
  // The active version's activation snapshot beside today's rules engine on the same profile version.
  const comparison = active ? await comparePlanDerivation(db, { actor, studyId, version: active.version }) : null;

  return (
    <section className="flex flex-col gap-6">
      <div>
        <Link href={`/studies/${study.id}`} className="text-sm text-blue-700 underline">
          {study.protocolNumber}
        </Link>
        <h1 className="text-2xl font-semibold">{t("plans.title", { protocol: study.protocolNumber })}</h1>
      </div>
      {activeAssessment && activeAssessment.unjustified.length > 0 ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-800" data-testid="active-plan-noncompliant">
          {t("plans.notCompliant", { count: activeAssessment.unjustified.length })}
        </p>
      ) : null}
      {comparison?.differs ? (
        <DerivationComparison
          stored={{ ...comparison.stored, caption: t("snapshot.storedPlan", { version: comparison.stored.profileVersion }) }}
          today={{ ...comparison.current, caption: t("snapshot.today", { engineVersion: comparison.current.engineVersion }) }}
          notice={t("snapshot.planDiffers", { count: comparison.current.assessment.unjustified.length })}
        />
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-4">
          <section className="card flex flex-col gap-2" aria-labelledby="versions-heading">
            <h2 id="versions-heading" className="text-lg font-semibold">
              {t("plans.versions")}
            </h2>
            {versions.length === 0 ? <p className="text-sm">{t("plans.noVersions")}</p> : null}
            <ul className="text-sm" data-testid="plan-versions">
              {versions.map((v) => (
                <li key={v.id}>
                  <strong>{t("plans.version", { version: v.version })}</strong> — {t(`status.${v.status}` as MessageKey)}
                  {v.effectiveDate ? `, ${t("plans.effectiveFrom", { date: v.effectiveDate.toISOString().slice(0, 10) })}` : ""}
                  {v.amendmentReason ? `, ${t("plans.reason", { reason: v.amendmentReason })}` : ""} ·{" "}
                  <Link className="text-blue-700 underline" href={`/studies/${study.id}/plans/${v.version}/guide`}>
                    {t("plans.guide")}
                  </Link>
                </li>
              ))}
            </ul>
            {canManage && !draft ? <NewPlanVersion studyId={study.id} hasVersions={versions.length > 0} /> : null}
            {draft ? <p className="text-sm text-slate-700">{t("plans.draftExists", { version: draft.version })}</p> : null}
          </section>
          {draft && canManage ? (
            <PlanEditor
              // Keyed by the draft only: a save refreshes the page, and remounting would drop the editor's state mid-activation.
              key={draft.id}
              derivation={derivation}
              draft={{
                id: draft.id,
                version: draft.version,
                plan: ZPlan.parse(draft.plan),
                justifications: draft.justifications as TJustifications,
                durationOverrideJustification: draft.durationOverrideJustification,
              }}
            />
          ) : null}
        </div>
        <DerivationPanel
          derivation={derivation}
          explanation={explanation}
          ruleSet={current.ruleSet}
          engineVersion={current.engineVersion}
          caption={t("snapshot.storedProfile", { version: current.profileVersion })}
        />
      </div>
    </section>
  );
}
