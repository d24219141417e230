import { CalendarFeed } from "@/components/exports/calendar-feed";
import { ApiTokens } from "@/components/settings/api-tokens";
import { LocaleSwitch } from "@/components/i18n/locale-switch";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listSites } from "@/lib/db/sites";
import { getTranslator } from "@/lib/i18n/server";

export default async function SettingsPage() {
  const actor = await requirePageActor("token:manage");
  const t = await getTranslator();
  const [tokens, sites] = await Promise.all([listApiTokens(getDb(), { actor }), listSites(getDb(), { actor })]);
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("settings.title")}</h1>
      <div className="card">
        <LocaleSwitch />
      </div>
      <div className="card flex flex-col gap-3">
        <h2 className="text-lg font-semibold">{t("settings.tokens")}</h2>
        <p className="text-sm text-slate-700">{t("settings.tokensIntro")}</p>
        <ApiTokens
          tokens={tokens.map((token) => ({
            id: token.id,
            name: token.name,
            prefix: token.prefix,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
            revokedAt: token.revokedAt?.toISOString() ?? null,
          }))}
        />
      </div>
      <div className="card flex flex-col gap-3">
        <h2 className="text-lg font-semibold">{t("exports.feed.heading")}</h2>
        <CalendarFeed sites={sites.map((site) => ({ id: site.id, code: site.code, name: site.name }))} />
      </div>
    </section>
  );
}
