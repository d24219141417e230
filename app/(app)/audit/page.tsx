import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listAuditRecords } from "@/lib/db/audit-log";
import { auditActionLabel, auditEntityLabel } from "@/lib/i18n/audit-labels";
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
      <PageHeader title={t("audit.title")} />
      <DataTable
        minWidth="min-w-[60rem]"
        label={t("audit.title")}
        empty={t("audit.empty")}
        columns={[
          { key: "when", header: t("audit.when"), sortable: true, className: "whitespace-nowrap" },
          { key: "who", header: t("audit.who"), sortable: true },
          { key: "what", header: t("audit.what"), sortable: true },
          { key: "action", header: t("audit.action"), sortable: true },
          { key: "change", header: t("audit.change"), className: "min-w-[16rem] max-w-md break-all font-mono text-xs" },
          { key: "reason", header: t("audit.reason"), className: "min-w-[10rem]" },
          { key: "request", header: t("audit.request"), className: "text-xs text-slate-600" },
        ]}
        rows={records.map((record) => ({
          key: record.id.toString(),
          sort: { when: record.occurredAt.toISOString(), who: record.actorEmail, what: record.entity, action: record.action },
          cells: {
            when: record.occurredAt.toISOString().slice(0, 19).replace("T", " "),
            who: <span className="break-all">{record.actorEmail}</span>,
            what: (
              <>
                {auditEntityLabel(t, record.entity)} <code className="text-xs break-all">{record.entityId}</code>
              </>
            ),
            action: auditActionLabel(t, record.action),
            change: record.changes ? <span title={t("audit.changes")}>{show(record.changes)}</span> : `${show(record.oldValues)} → ${show(record.newValues)}`,
            reason: record.reason ?? "—",
            request: (
              <>
                {record.authMethod ?? "—"}
                {record.requestIp ? ` · ${record.requestIp}` : ""}
                {record.requestId ? <code className="block">{record.requestId}</code> : null}
              </>
            ),
          },
        }))}
      />
    </section>
  );
}
