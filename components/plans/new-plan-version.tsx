"use client";

import { useRouter } from "next/navigation";
import { createPlanVersionAction } from "@/app/(app)/studies/[studyId]/plans/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useActionForm } from "@/components/ui/use-action-form";

export function NewPlanVersion({ studyId, hasVersions }: { studyId: string; hasVersions: boolean }) {
  const { t } = useI18n();
  const router = useRouter();
  const { submit, formError, pending } = useActionForm(createPlanVersionAction);
  const create = async (source: "suggested" | "copy_latest") => {
    if (await submit({ studyId, source })) router.refresh();
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button type="button" className="btn-primary" disabled={pending} onClick={() => create("suggested")}>
        {t("plans.newFromSuggestion")}
      </button>
      {hasVersions ? (
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => create("copy_latest")}>
          {t("plans.newFromLatest")}
        </button>
      ) : null}
      {formError ? (
        <span role="alert" className="field-error">
          {formError}
        </span>
      ) : null}
    </div>
  );
}
