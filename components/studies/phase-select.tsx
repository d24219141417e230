"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { STUDY_PHASES } from "@/lib/validation/study";

/** The study phase select, shared by the create and edit forms. */
export function PhaseSelect({ id, defaultValue }: { id: string; defaultValue: string }) {
  const { t } = useI18n();
  return (
    <select id={id} name="phase" className="input" defaultValue={defaultValue}>
      {STUDY_PHASES.map((phase) => (
        <option key={phase} value={phase}>
          {t(`phase.${phase}`)}
        </option>
      ))}
    </select>
  );
}
