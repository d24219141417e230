import Link from "next/link";
import { notFound } from "next/navigation";
import { StudyExportsLinks } from "@/components/exports/study-exports-links";
import { ConsentVersions } from "@/components/studies/consent-versions";
import { StudyDetailsForm } from "@/components/studies/study-details-form";
import { StudyMembersForm, StudySitesForm } from "@/components/studies/study-sponsor-controls";
import { requirePageActor } from "@/lib/auth/page";
import { hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listStudyMemberCandidates } from "@/lib/db/users";
import { listSites } from "@/lib/db/sites";
import { getStudy } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";
import { ZConsentChecklist } from "@/lib/validation/consent";

export default async function StudyPage({ params }: { params: Promise<{ studyId: string }> }) {
  const actor = await requirePageActor("study:read");
  const { studyId } = await params;
  const t = await getTranslator();
  const db = getDb();
  const study = await getStudy(db, { actor, studyId });
  if (!study) notFound();
  const canManage = hasPermission(actor, "study:manage");
  const [sites, users] = canManage
    ? await Promise.all([
        listSites(db, { actor }),
        listStudyMemberCandidates(db, { actor }),
      ])
    : [[], []];

  return (
    <section className="flex flex-col gap-6">
      <div>
        <p className="text-sm text-slate-600">
          {study.protocolNumber} · {t(`phase.${study.phase as "phase_1"}`)} · {t("studies.ruleSet")} {study.ruleSet}
        </p>
        <h1 className="text-2xl font-semibold">{study.title}</h1>
        <p className="mt-1 text-slate-700">
          {t("studies.product")}: {study.product.code} — {study.product.name}
        </p>
        {canManage ? <StudyDetailsForm study={{ id: study.id, protocolNumber: study.protocolNumber, title: study.title, phase: study.phase }} /> : null}
      </div>

      <section className="card flex flex-col gap-3" aria-labelledby="plans-heading">
        <h2 id="plans-heading" className="text-lg font-semibold">
          {t("studies.planVersions")}
        </h2>
        {study.planVersions.length === 0 ? (
          <p className="text-sm">{t("studies.noPlans")}</p>
        ) : (
          <ul className="text-sm">
            {study.planVersions.map((plan) => (
              <li key={plan.id}>
                v{plan.version} — {t(`status.${plan.status}`)}
                {plan.effectiveDate ? ` (${plan.effectiveDate.toISOString().slice(0, 10)})` : ""}
              </li>
            ))}
          </ul>
        )}
        <Link className="text-blue-700 underline" href={`/studies/${study.id}/plans`}>
          {t("studies.openPlans")}
        </Link>
      </section>

      {hasPermission(actor, "report:read") ? (
        <StudyExportsLinks
          studyId={study.id}
          sites={study.sites.map((s) => s.site).filter((site) => actor.role !== "INVESTIGATOR" || actor.siteIds.includes(site.id))}
          t={t}
        />
      ) : null}

      <section className="card flex flex-col gap-3" aria-labelledby="sites-heading">
        <h2 id="sites-heading" className="text-lg font-semibold">
          {t("studies.sites")}
        </h2>
        {canManage ? (
          <>
            <StudySitesForm studyId={study.id} options={sites.map((s) => ({ id: s.id, label: `${s.code} — ${s.name}` }))} selected={study.sites.map((s) => s.siteId)} />
            <p className="text-sm text-slate-600">{t("studies.membersHint")}</p>
            <StudyMembersForm studyId={study.id} options={users.map((u) => ({ id: u.id, label: `${u.email} (${t(`role.${u.role}`)})` }))} selected={study.members.map((m) => m.userId)} />
          </>
        ) : (
          <ul className="text-sm">
            {study.sites.map((s) => (
              <li key={s.siteId}>
                {s.site.code} — {s.site.name}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConsentVersions
        studyId={study.id}
        canManage={hasPermission(actor, "consent:manage")}
        rows={study.consentVersions.map((c) => ({
          id: c.id,
          version: c.version,
          status: c.status,
          title: c.title,
          documentRef: c.documentRef,
          checklist: ZConsentChecklist.parse(c.checklist ?? {}),
          effectiveDate: c.effectiveDate ? c.effectiveDate.toISOString().slice(0, 10) : null,
        }))}
      />
    </section>
  );
}
