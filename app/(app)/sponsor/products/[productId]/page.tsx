import { notFound } from "next/navigation";
import { NoLtfuJustification } from "@/components/products/no-ltfu-justification";
import { ProductEditor } from "@/components/products/product-editor";
import { ProductMonitoring } from "@/components/products/product-monitoring";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { getProduct } from "@/lib/db/products";
import { getTranslator } from "@/lib/i18n/server";
import { listNonCompliantPlans } from "@/lib/products/products";
import { deriveRequirements } from "@/lib/rules/derive-requirements";
import { ZRiskFactors } from "@/lib/validation/product";
import { ZRiskProfile } from "@/lib/validation/profile";

export default async function ProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const actor = await requirePageActor("product:manage");
  const { productId } = await params;
  const t = await getTranslator();
  const db = getDb();
  const product = await getProduct(db, { actor, productId });
  if (!product) notFound();
  const current = product.profileVersions[0]!;
  const profile = ZRiskProfile.parse(current.profile);
  const derivation = deriveRequirements(profile);
  const nonCompliant = await listNonCompliantPlans(db, { productId: product.id, derivation });
  return (
    <section className="flex flex-col gap-6">
      <div>
        <p className="text-sm text-slate-600">
          {product.code} · {t("products.version")} v{current.version}
        </p>
        <h1 className="text-2xl font-semibold">{product.name}</h1>
      </div>
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
                      <li key={v.message}>{v.message}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {!derivation.ltfuRequired ? <NoLtfuJustification productId={product.id} justification={product.noLtfuJustification} communication={product.regulatorCommunication} /> : null}
      <ProductMonitoring productId={product.id} expectedVectorPositivePercentMax={product.expectedVectorPositivePercentMax} />
      <ProductEditor existing={{ id: product.id, name: product.name, code: product.code, modality: product.modality, profile, factors: ZRiskFactors.parse(current.factors) }} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="font-semibold">
          {t("products.versions")}
        </h2>
        <ul className="mt-2 text-sm">
          {product.profileVersions.map((v) => (
            <li key={v.id}>
              {t("products.versionBy", { version: v.version, date: v.createdAt.toISOString().slice(0, 10), reason: v.reason ?? t("products.initialVersion") })} —{" "}
              {(v.derivation as { ltfuRequired: boolean; durationYears: number }).ltfuRequired
                ? t("derivation.years", { years: (v.derivation as { durationYears: number }).durationYears })
                : t("products.noLtfu")}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
