import Link from "next/link";
import { StudyForm } from "@/components/studies/study-form";
import { requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listProductChoices } from "@/lib/db/products";
import { listSites } from "@/lib/db/sites";
import { listStudies } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";

export default async function StudiesPage() {
  const actor = await requirePageActor("study:read");
  const t = await getTranslator();
  const db = getDb();
  const canManage = hasPermission(actor, "study:manage");
  const [studies, products, sites] = await Promise.all([
    listStudies(db, { actor }),
    canManage ? listProductChoices(db, { actor }) : [],
    canManage ? listSites(db, { actor }) : [],
  ]);
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("studies.title")}</h1>
      {studies.length === 0 ? (
        <p>{canManage ? t("studies.empty") : t("studies.emptyMember")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("studies.protocolNumber")}</th>
              <th scope="col">{t("studies.studyTitle")}</th>
              <th scope="col">{t("studies.phase")}</th>
              <th scope="col">{t("studies.product")}</th>
              <th scope="col">{t("studies.sites")}</th>
              <th scope="col">{t("studies.activePlan")}</th>
              <th scope="col">{t("studies.activeConsent")}</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => (
              <tr key={study.id}>
                <td>
                  <Link className="text-blue-700 underline" href={`/studies/${study.id}`}>
                    {study.protocolNumber}
                  </Link>
                </td>
                <td>{study.title}</td>
                <td>{t(`phase.${study.phase as "phase_1"}`)}</td>
                <td>{study.product.code}</td>
                <td>{study._count.sites}</td>
                <td>{study.planVersions[0] ? `v${study.planVersions[0].version}` : t("studies.none")}</td>
                <td>{study.consentVersions[0] ? `v${study.consentVersions[0].version}` : t("studies.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? <StudyForm products={products} sites={sites.map((s) => ({ id: s.id, code: s.code, name: s.name }))} /> : null}
    </section>
  );
}
