"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { STUDY_PHASES } from "@/lib/validation/study-values";

/** The study phase select, shared by the create and edit forms (a `Field` gives it its id and error wiring). */
export function PhaseSelect({ defaultValue, ...aria }: { defaultValue: string; id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string }) {
  const { t } = useI18n();
  return (
    <select name="phase" className="input" defaultValue={defaultValue} {...aria}>
      {STUDY_PHASES.map((phase) => (
        <option key={phase} value={phase}>
          {t(`phase.${phase}`)}
        </option>
      ))}
    </select>
  );
}
