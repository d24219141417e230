import Link from "@/components/ui/link";
import { activatePlanVersionAction, createPlanVersionAction, updatePlanDraftAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { StatusBadge } from "@/components/ui/status-badge";
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
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

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
    <ClientMessages areas={CLIENT_AREAS.planEditor}>
      <section className="flex flex-col gap-6">
        <PageHeader
          title={t("plans.title", { protocol: study.protocolNumber })}
          context={
            <Link href={`/studies/${study.id}`} className="text-blue-700 underline">
              {study.protocolNumber}
            </Link>
          }
        />
        {activeAssessment && activeAssessment.unjustified.length > 0 ? (
          <Alert tone="error" testId="active-plan-noncompliant">
            {t("plans.notCompliant", { count: activeAssessment.unjustified.length })}
          </Alert>
        ) : null}
        {comparison?.differs ? (
          <DerivationComparison
            stored={{ ...comparison.stored, caption: t("snapshot.storedPlan", { version: comparison.stored.profileVersion }) }}
            today={{ ...comparison.current, caption: t("snapshot.today", { engineVersion: comparison.current.engineVersion }) }}
            notice={t("snapshot.planDiffers", { count: comparison.current.assessment.unjustified.length })}
            t={t}
          />
        ) : null}
        <div className="grid gap-6 2xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <div className="flex min-w-0 flex-col gap-4">
            <SectionCard title={t("plans.versions")}>
              {versions.length === 0 ? <p className="text-sm">{t("plans.noVersions")}</p> : null}
              <ul className="text-sm" data-testid="plan-versions">
                {versions.map((v) => (
                  <li key={v.id}>
                    <strong>{t("plans.version", { version: v.version })}</strong> — <StatusBadge status={v.status}>{t(`status.${v.status}` as MessageKey)}</StatusBadge>
                    {v.effectiveDate ? `, ${t("plans.effectiveFrom", { date: v.effectiveDate.toISOString().slice(0, 10) })}` : ""}
                    {v.amendmentReason ? `, ${t("plans.reason", { reason: v.amendmentReason })}` : ""} ·{" "}
                    <Link className="text-blue-700 underline" href={`/studies/${study.id}/plans/${v.version}/guide`}>
                      {t("plans.guide")}
                    </Link>
                  </li>
                ))}
              </ul>
              {canManage && !draft ? <NewPlanVersion action={createPlanVersionAction} studyId={study.id} hasVersions={versions.length > 0} /> : null}
              {draft ? <p className="text-sm text-slate-700">{t("plans.draftExists", { version: draft.version })}</p> : null}
            </SectionCard>
            {draft && canManage ? (
              <PlanEditor
                // Keyed by the draft only: a save refreshes the page, and remounting would drop the editor's state mid-activation.
                key={draft.id}
                actions={{ saveDraft: updatePlanDraftAction, activate: activatePlanVersionAction }}
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
          <div className="min-w-0">
            <DerivationPanel
              derivation={derivation}
              explanation={explanation}
              ruleSet={current.ruleSet}
              engineVersion={current.engineVersion}
              caption={t("snapshot.storedProfile", { version: current.profileVersion })}
              t={t}
            />
          </div>
        </div>
      </section>
    </ClientMessages>
  );
}
