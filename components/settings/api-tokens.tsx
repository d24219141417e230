"use client";

import { useState, type FormEvent } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(app)/settings/actions";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const { t } = useI18n();
  const [secret, setSecret] = useState<string | null>(null);
  const create = useActionForm(createApiTokenAction);
  const revoke = useActionForm(revokeApiTokenAction);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const created = await create.submit({ name: String(new FormData(form).get("name") ?? "") });
    if (created) {
      setSecret(created.token);
      form.reset();
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={onCreate} noValidate className="flex items-end gap-2">
        <Field id="token-name" label={t("settings.tokenName")} error={create.fieldErrors.name}>
          <input id="token-name" name="name" className="input" />
        </Field>
        <button type="submit" className="btn-primary" disabled={create.pending}>
          {t("settings.createToken")}
        </button>
      </form>
      {secret ? (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
          <p>{t("settings.tokenCreated")}</p>
          <code className="break-all" data-testid="new-token">
            {secret}
          </code>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{t("settings.noTokens")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("settings.tokenName")}</th>
              <th scope="col">{t("settings.tokenCreatedAt")}</th>
              <th scope="col">{t("settings.tokenLastUsed")}</th>
              <th scope="col">
                <span className="sr-only">{t("settings.revoke")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>
                  {token.name} <code className="text-xs text-slate-500">{token.prefix}…</code>
                </td>
                <td>{token.createdAt.slice(0, 16).replace("T", " ")}</td>
                <td>{token.lastUsedAt ? token.lastUsedAt.slice(0, 16).replace("T", " ") : t("common.none")}</td>
                <td>
                  {token.revokedAt ? (
                    t("settings.revoked")
                  ) : (
                    <button type="button" className="btn-secondary" disabled={revoke.pending} onClick={() => revoke.submit({ id: token.id })}>
                      {t("settings.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
