"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { ActionForm, SubmitButton, type FormAction } from "@/components/ui/form";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const minute = (iso: string) => iso.slice(0, 16).replace("T", " ");

export function ApiTokens({ tokens, createAction, revokeAction }: { tokens: TokenRow[]; createAction: FormAction<{ token: string }>; revokeAction: FormAction<unknown> }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-4">
      <ActionForm action={createAction} label={t("settings.createToken")} className="flex flex-wrap items-end gap-2" resetOnSaved onSaved={(created) => setSecret(created.token)}>
        <Field name="name" label={t("settings.tokenName")}>
          <input className="input" />
        </Field>
        <SubmitButton>{t("settings.createToken")}</SubmitButton>
      </ActionForm>
      {secret ? (
        <div role="status" className="alert-warning">
          <p>{t("settings.tokenCreated")}</p>
          <code className="break-all" data-testid="new-token">
            {secret}
          </code>
        </div>
      ) : null}
      <DataTable
        minWidth="min-w-[32rem]"
        label={t("settings.tokens")}
        empty={t("settings.noTokens")}
        columns={[
          { key: "name", header: t("settings.tokenName"), sortable: true },
          { key: "created", header: t("settings.tokenCreatedAt"), sortable: true },
          { key: "lastUsed", header: t("settings.tokenLastUsed"), sortable: true },
          { key: "revoke", header: t("settings.revoke"), srOnly: true },
        ]}
        rows={tokens.map((token) => ({
          key: token.id,
          sort: { name: token.name, created: token.createdAt, lastUsed: token.lastUsedAt ?? "" },
          cells: {
            name: (
              <>
                {token.name} <code className="text-xs text-slate-500">{token.prefix}…</code>
              </>
            ),
            created: minute(token.createdAt),
            lastUsed: token.lastUsedAt ? minute(token.lastUsedAt) : t("common.none"),
            revoke: token.revokedAt ? (
              t("settings.revoked")
            ) : (
              <ActionForm action={revokeAction} label={`${t("settings.revoke")} ${token.name}`}>
                <input type="hidden" name="id" value={token.id} />
                <SubmitButton variant="secondary">{t("settings.revoke")}</SubmitButton>
              </ActionForm>
            ),
          },
        }))}
      />
    </div>
  );
}
