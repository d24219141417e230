"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

/** A new draft plan version: the submit button pressed names its source. */
export function NewPlanVersion({ studyId, hasVersions, action }: { studyId: string; hasVersions: boolean; action: FormAction<unknown> }) {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <ActionForm action={action} label={t("plans.newFromSuggestion")} className="flex flex-wrap items-center gap-3" onSaved={() => router.refresh()}>
      <input type="hidden" name="studyId" value={studyId} />
      <SubmitButton name="source" value="suggested">
        {t("plans.newFromSuggestion")}
      </SubmitButton>
      {hasVersions ? (
        <SubmitButton name="source" value="copy_latest" variant="secondary">
          {t("plans.newFromLatest")}
        </SubmitButton>
      ) : null}
    </ActionForm>
  );
}
