"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/auth/action";
import { useI18n } from "@/components/i18n/i18n-provider";
import { ActionForm, SubmitButton } from "@/components/ui/form";

/**
 * Creates a calendar feed token and shows, once, one subscription link per site the user may see.
 * The links carry the page's language (`lang`): a calendar application sends no cookie.
 */
export function CalendarFeed({ sites, createAction }: { sites: { id: string; code: string; name: string }[]; createAction: (input: Record<string, never> | FormData) => Promise<ActionResult<{ id: string; token: string }>> }) {
  const { t, locale } = useI18n();
  const [token, setToken] = useState<string | null>(null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t("exports.feed.intro")}</p>
      {sites.length > 0 ? (
        <ActionForm action={createAction} label={t("exports.feed.create")} onSaved={(created) => setToken(created.token)}>
          <SubmitButton variant="secondary">{t("exports.feed.create")}</SubmitButton>
        </ActionForm>
      ) : null}
      {token ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>{t("exports.feed.created")}</p>
          <ul className="mt-2 flex flex-col gap-1">
            {sites.map((site) => (
              <li key={site.id}>
                <span className="font-medium">
                  {site.code} {site.name}:
                </span>{" "}
                <code className="break-all" data-testid={`feed-url-${site.code}`}>
                  {`${origin}/api/v1/sites/${encodeURIComponent(site.id)}/calendar.ics?token=${encodeURIComponent(token)}&lang=${locale}`}
                </code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
