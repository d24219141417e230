import { notFound } from "next/navigation";
import { reassessRiskProfileAction, setNoLtfuJustificationAction, updateProductMonitoringAction, updateRiskProfileAction } from "@/app/(app)/sponsor/products/actions";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { formatViolation } from "@/lib/i18n/violation";
import { NoLtfuJustification } from "@/components/products/no-ltfu-justification";
import { ProductEditor } from "@/components/products/product-editor";
import { DerivationPanel } from "@/components/rules/derivation-panel";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { ProductMonitoring } from "@/components/products/product-monitoring";
import { getDb } from "@/lib/db/client";
import { getProduct } from "@/lib/db/products";
import { hasPermission } from "@/lib/auth/permissions";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { getTranslator } from "@/lib/i18n/server";
import { DerivationComparison } from "@/components/rules/derivation-comparison";
import { ReassessProfile } from "@/components/products/reassess-profile";
import { compareProfileDerivation, listNonCompliantPlans } from "@/lib/products/products";
import type { Derivation, RationaleEntry } from "@/lib/rules/derive-requirements";
import { ZRiskFactors } from "@/lib/validation/product";
import { ZRiskProfile } from "@/lib/validation/profile";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

/** A product: sponsors edit it; monitors read it (the same permission as GET /api/v1/products/{id}). */
export default async function ProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const actor = await requirePageActor("product:read");
  const canManage = hasPermission(actor, "product:manage");
  const { productId } = await pageParams(params, { productId: "id" });
  const t = await getTranslator();
  const db = getDb();
  const product = await getProduct(db, { actor, productId });
  if (!product) notFound();
  const current = product.profileVersions[0]!;
  const profile = ZRiskProfile.parse(current.profile);
  // The derivation stored with the version (what was decided on), never silently recomputed.
  const derivation = current.derivation as unknown as Derivation;
  const stored = { derivation, explanation: current.explanation as RationaleEntry[] | null, ruleSet: current.ruleSet, engineVersion: current.engineVersion, caption: t("snapshot.storedProfile", { version: current.version }) };
  const today = compareProfileDerivation(current);
  const nonCompliant = await listNonCompliantPlans(db, { productId: product.id, derivation });
  return (
    <ClientMessages areas={CLIENT_AREAS.productEditor}>
      <section className="flex flex-col gap-6">
        <PageHeader title={product.name} context={`${product.code} · ${t("products.version")} v${current.version}`} />
        {product.studies.length > 0 ? (
          <section className={`card ${nonCompliant.length ? "border-red-300 bg-red-50" : ""}`} aria-labelledby="compliance-heading" data-testid="plan-compliance">
            <h2 id="compliance-heading" className="font-semibold">
              {t("products.nonCompliant")}
            </h2>
            {nonCompliant.length === 0 ? (
              <p className="text-sm">{t("products.nonCompliantNone")}</p>
            ) : (
              <ul className="list-disc pl-6 text-sm">
                {nonCompliant.map((plan) => (
                  <li key={plan.planVersionId}>
                    <a className="underline" href={`/studies/${plan.studyId}/plans`}>
                      {t("products.nonCompliantPlan", { protocol: plan.protocolNumber, version: plan.version, count: plan.violations.length })}
                    </a>
                    <ul className="list-[circle] pl-6">
                      {plan.violations.map((v) => (
                        <li key={v.message}>{formatViolation(v, t, plan.plan)}</li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ) : null}
        {today.differs ? (
          <>
            <DerivationComparison stored={stored} today={{ ...today.current, caption: t("snapshot.today", { engineVersion: today.current.engineVersion }) }} t={t} />
          </>
        ) : canManage ? (
          <details className="card">
            <summary className="cursor-pointer font-semibold" data-testid="stored-derivation-summary">
              {stored.caption} · {t("snapshot.engine", { ruleSet: stored.ruleSet, engineVersion: stored.engineVersion })}
            </summary>
            {/* A reader has no live editor panel: the stored derivation is the page's derivation. */}
            <DerivationPanel id={canManage ? "stored-derivation" : "derivation"} {...stored} t={t} />
          </details>
        ) : (
          // Readers (monitors) see the stored derivation open: there is no editor to show it live.
          <DerivationPanel {...stored} t={t} />
        )}
        {canManage ? (
          <>
            <ReassessProfile productId={product.id} needed={today.differs} action={reassessRiskProfileAction} />
            {!derivation.ltfuRequired ? <NoLtfuJustification action={setNoLtfuJustificationAction} productId={product.id} justification={product.noLtfuJustification} communication={product.regulatorCommunication} /> : null}
            <ProductMonitoring action={updateProductMonitoringAction} productId={product.id} expectedVectorPositivePercentMax={product.expectedVectorPositivePercentMax} />
            <ProductEditor action={updateRiskProfileAction} existing={{ id: product.id, name: product.name, code: product.code, modality: product.modality, profile, factors: ZRiskFactors.parse(current.factors) }} />
          </>
        ) : (
          <dl className="card grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="product-summary">
            <dt className="font-medium">{t("products.modality")}</dt>
            <dd>{t(`modality.${product.modality}` as MessageKey)}</dd>
            <dt className="font-medium">{t("products.platform")}</dt>
            <dd>{t(`platform.${profile.platform}` as MessageKey)}</dd>
          </dl>
        )}
        <SectionCard title={t("products.versions")}>
          <ul className="text-sm">
            {product.profileVersions.map((v) => (
              <li key={v.id}>
                {t("products.versionBy", { version: v.version, date: v.createdAt.toISOString().slice(0, 10), reason: v.reason ?? t("products.initialVersion") })} —{" "}
                {(v.derivation as { ltfuRequired: boolean; durationYears: number }).ltfuRequired
                  ? t("derivation.years", { years: (v.derivation as { durationYears: number }).durationYears })
                  : t("products.noLtfu")}
              </li>
            ))}
          </ul>
        </SectionCard>
      </section>
    </ClientMessages>
  );
}
