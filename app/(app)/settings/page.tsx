import { createApiTokenAction, createCalendarFeedTokenAction, revokeApiTokenAction } from "@/app/(app)/settings/actions";
import { CalendarFeed } from "@/components/exports/calendar-feed";
import { listSites } from "@/lib/db/sites";
import { ApiTokens } from "@/components/settings/api-tokens";
import { PageHeader } from "@/components/ui/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { getTranslator } from "@/lib/i18n/server";
import { ClientMessages } from "@/components/i18n/client-messages";
import { CLIENT_AREAS } from "@/lib/i18n/client-areas";

export default async function SettingsPage() {
  const actor = await requirePageActor("token:manage");
  const t = await getTranslator();
  const [tokens, sites] = await Promise.all([listApiTokens(getDb(), { actor }), listSites(getDb(), { actor })]);
  return (
    <ClientMessages areas={CLIENT_AREAS.settings}>
      <section className="flex flex-col gap-6">
        <PageHeader title={t("settings.title")} />
        <SectionCard>
          <LocaleSwitch />
        </SectionCard>
        <SectionCard title={t("settings.tokens")}>
          <p className="text-sm text-slate-700">{t("settings.tokensIntro")}</p>
          <ApiTokens
            createAction={createApiTokenAction}
            revokeAction={revokeApiTokenAction}
            tokens={tokens.map((token) => ({
              id: token.id,
              name: token.name,
              prefix: token.prefix,
              createdAt: token.createdAt.toISOString(),
              lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
              revokedAt: token.revokedAt?.toISOString() ?? null,
            }))}
          />
        </SectionCard>
        <div id="calendar-feeds" className="scroll-mt-4">
          <SectionCard title={t("exports.feed.heading")}>
            <CalendarFeed createAction={createCalendarFeedTokenAction} sites={sites.map((site) => ({ id: site.id, code: site.code, name: site.name }))} />
          </SectionCard>
        </div>
      </section>
    </ClientMessages>
  );
}
