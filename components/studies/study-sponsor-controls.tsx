"use client";

import { setStudyMembersAction, setStudySitesAction } from "@/app/(app)/studies/actions";
import { CheckboxSetForm } from "@/components/studies/checkbox-set-form";

export function StudySitesForm({ studyId, options, selected }: { studyId: string; options: { id: string; label: string }[]; selected: string[] }) {
  return <CheckboxSetForm legend="studies.sites" submitLabel="studies.saveSites" options={options} selected={selected} onSave={(siteIds) => setStudySitesAction({ studyId, siteIds })} />;
}

export function StudyMembersForm({ studyId, options, selected }: { studyId: string; options: { id: string; label: string }[]; selected: string[] }) {
  return <CheckboxSetForm legend="studies.members" submitLabel="studies.saveMembers" options={options} selected={selected} onSave={(userIds) => setStudyMembersAction({ studyId, userIds })} />;
}
