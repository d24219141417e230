import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listAuditRecords } from "@/lib/db/audit-log";
import { getTranslator } from "@/lib/i18n/server";

function show(values: unknown): string {
  return values === null || values === undefined ? "—" : JSON.stringify(values);
}

export default async function AuditPage() {
  const actor = await requirePageActor("audit:read");
  const t = await getTranslator();
  const records = await listAuditRecords(getDb(), { actor });
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
      {records.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("audit.when")}</th>
              <th scope="col">{t("audit.who")}</th>
              <th scope="col">{t("audit.what")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.change")}</th>
              <th scope="col">{t("audit.reason")}</th>
              <th scope="col">{t("audit.request")}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id.toString()}>
                <td className="whitespace-nowrap">{record.occurredAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>{record.actorEmail}</td>
                <td>
                  {record.entity} <code className="text-xs">{record.entityId}</code>
                </td>
                <td>{record.action}</td>
                <td className="max-w-md break-all font-mono text-xs">
                  {record.changes ? (
                    <span title={t("audit.changes")}>{show(record.changes)}</span>
                  ) : (
                    <>
                      {show(record.oldValues)} → {show(record.newValues)}
                    </>
                  )}
                </td>
                <td>{record.reason ?? "—"}</td>
                <td className="text-xs text-slate-600">
                  {record.authMethod ?? "—"}
                  {record.requestIp ? ` · ${record.requestIp}` : ""}
                  {record.requestId ? <code className="block">{record.requestId}</code> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
