import Link from "@/components/ui/link";
import {
  activateConsentVersionAction,
  createConsentVersionAction,
  setStudyMembersAction,
  setStudySitesAction,
  updateConsentChecklistAction,
  updateStudyAction,
} from "@/app/(app)/studies/actions";
import { notFound } from "next/navigation";
import { StudyExportsLinks } from "@/components/exports/study-exports-links";
import { ConsentVersions } from "@/components/studies/consent-versions";
import { StudyDetailsForm } from "@/components/studies/study-details-form";
import { CheckboxSetForm } from "@/components/studies/checkbox-set-form";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { StatusBadge } from "@/components/ui/status-badge";
import { pageParams, requirePageActor } from "@/lib/auth/page";
import { AT_ANY_OWN_SITE, hasPermission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { listStudyMemberCandidates } from "@/lib/db/users";
import { listSites } from "@/lib/db/sites";
import { getStudy } from "@/lib/db/studies";
import { getTranslator } from "@/lib/i18n/server";
import { ZConsentChecklist } from "@/lib/validation/consent";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function StudyPage({ params }: { params: Promise<{ studyId: string }> }) {
  const actor = await requirePageActor("study:read");
  const { studyId } = await pageParams(params, { studyId: "id" });
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
    <ClientMessages areas={CLIENT_AREAS.study}>
      <section className="flex flex-col gap-6">
        <div>
          <PageHeader
            title={study.title}
            context={`${study.protocolNumber} · ${t(`phase.${study.phase as "phase_1"}`)} · ${t("studies.ruleSet")} ${study.ruleSet}`}
            description={`${t("studies.product")}: ${study.product.code} — ${study.product.name}`}
          />
          {canManage ? <StudyDetailsForm action={updateStudyAction} study={{ id: study.id, protocolNumber: study.protocolNumber, title: study.title, phase: study.phase }} /> : null}
        </div>

        <SectionCard title={t("studies.planVersions")}>
          {study.planVersions.length === 0 ? (
            <p className="text-sm">{t("studies.noPlans")}</p>
          ) : (
            <ul className="text-sm">
              {study.planVersions.map((plan) => (
                <li key={plan.id}>
                  v{plan.version} — <StatusBadge status={plan.status}>{t(`status.${plan.status}`)}</StatusBadge>
                  {plan.effectiveDate ? ` (${plan.effectiveDate.toISOString().slice(0, 10)})` : ""}
                </li>
              ))}
            </ul>
          )}
          <Link className="text-blue-700 underline" href={`/studies/${study.id}/plans`}>
            {t("studies.openPlans")}
          </Link>
        </SectionCard>

        <SectionCard title={t("studies.sites")}>
          {canManage ? (
            <>
              <CheckboxSetForm
                action={setStudySitesAction}
                legend="studies.sites"
                submitLabel="studies.saveSites"
                name="siteIds"
                hidden={{ studyId: study.id }}
                options={sites.map((s) => ({ id: s.id, label: `${s.code} — ${s.name}` }))}
                selected={study.sites.map((s) => s.siteId)}
              />
              <p className="text-sm text-slate-600">{t("studies.membersHint")}</p>
              <CheckboxSetForm
                action={setStudyMembersAction}
                legend="studies.members"
                submitLabel="studies.saveMembers"
                name="userIds"
                hidden={{ studyId: study.id }}
                options={users.map((u) => ({ id: u.id, label: `${u.email} (${t(`role.${u.role}`)})` }))}
                selected={study.members.map((m) => m.userId)}
              />
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
        </SectionCard>

        {hasPermission(actor, "report:read", AT_ANY_OWN_SITE) ? (
          <StudyExportsLinks
            studyId={study.id}
            sites={study.sites.map((s) => s.site).filter((site) => actor.role !== "INVESTIGATOR" || actor.siteIds.includes(site.id))}
            t={t}
          />
        ) : null}

        <ConsentVersions
          actions={{ create: createConsentVersionAction, updateChecklist: updateConsentChecklistAction, activate: activateConsentVersionAction }}
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
    </ClientMessages>
  );
}
