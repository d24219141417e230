import Link from "@/components/ui/link";
import { BadParams } from "@/components/ui/bad-params";
import { DataTable } from "@/components/ui/data-table";
import { FilterInput, FilterSelect } from "@/components/ui/filter-fields";
import { PageHeader } from "@/components/ui/page-header";
import { auditChangeLines, auditTrailHref, showAuditValue, type StoredAuditValues } from "@/lib/audit/display";
import { requirePageActor } from "@/lib/auth/page";
import { getDb } from "@/lib/db/client";
import { listAuditRecords } from "@/lib/db/audit-log";
import { AUDITED_ENTITIES, auditActionLabel, auditEntityLabel } from "@/lib/i18n/audit-labels";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { getTranslator } from "@/lib/i18n/server";

const PAGE_SIZE = 100;
type SearchParams = Record<string, string | string[] | undefined>;
interface AuditFilter {
  entity?: string;
  entityId?: string;
  before?: bigint;
}

/** The filter and page of the address; a refused parameter is named (catalog key) and left out. */
function parseFilter(query: SearchParams): { filter: AuditFilter; refused: MessageKey[] } {
  const one = (name: string) => {
    const raw = query[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    return value === "" ? undefined : value;
  };
  const filter: AuditFilter = {};
  const refused: MessageKey[] = [];
  const entity = one("entity");
  if (entity !== undefined) {
    if ((AUDITED_ENTITIES as readonly string[]).includes(entity)) filter.entity = entity;
    else refused.push("audit.badEntity");
  }
  const entityId = one("entityId");
  if (entityId !== undefined) {
    if (/^[\w.:-]{1,100}$/.test(entityId)) filter.entityId = entityId;
    else refused.push("audit.badEntityId");
  }
  const before = one("before");
  if (before !== undefined) {
    if (/^[1-9][0-9]{0,18}$/.test(before)) filter.before = BigInt(before);
    else refused.push("audit.badBefore");
  }
  return { filter, refused };
}

const SHOWN_CHANGES = 12;

/** What a record changed, a line a field (`path: old → new`); a long list ends with how many more. */
function AuditChanges({ record }: { record: StoredAuditValues }) {
  const lines = auditChangeLines(record);
  if (lines.length === 0) return <>—</>;
  return (
    <ul className="flex flex-col gap-0.5">
      {lines.slice(0, SHOWN_CHANGES).map((line) => (
        <li key={line.path}>
          <span className="text-slate-600">{line.path.slice(1) || "/"}</span>: {showAuditValue(line.old, "old" in line)} → {showAuditValue(line.new, "new" in line)}
        </li>
      ))}
      {lines.length > SHOWN_CHANGES ? <li className="text-slate-600">+{lines.length - SHOWN_CHANGES}</li> : null}
    </ul>
  );
}

/**
 * The audit trail of the organisation, newest first, a page of 100 at a time (keyset: `before` is
 * the id of the last record shown), filtered by entity and by one record's id (a subject's page
 * links here with both).
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor("audit:read");
  const t = await getTranslator();
  const { filter, refused } = parseFilter(await searchParams);
  const fetched = await listAuditRecords(getDb(), { actor, ...filter, take: PAGE_SIZE + 1 });
  const records = fetched.slice(0, PAGE_SIZE);
  const older = fetched.length > PAGE_SIZE ? records[records.length - 1]!.id : undefined;
  return (
    <section className="flex flex-col gap-4">
      <PageHeader title={t("audit.title")} description={t("audit.intro", { count: PAGE_SIZE })} />
      <BadParams messages={refused.map((key) => t(key))} />
      <form key={auditTrailHref(filter)} method="get" action="/audit" className="card flex flex-wrap items-end gap-3" data-testid="audit-filter">
        <FilterSelect id="audit-entity" name="entity" label={t("audit.what")} anyLabel={t("audit.allEntities")} value={filter.entity} options={AUDITED_ENTITIES.map((entity) => ({ value: entity, label: auditEntityLabel(t, entity) }))} />
        <FilterInput id="audit-entity-id" name="entityId" label={t("audit.entityId")} value={filter.entityId} className="min-w-0 flex-1 basis-56" autoComplete="off" />
        <button type="submit" className="btn-secondary">
          {t("audit.apply")}
        </button>
        {filter.entity || filter.entityId ? (
          <Link href="/audit" className="text-sm text-blue-700 underline">
            {t("audit.clear")}
          </Link>
        ) : null}
      </form>
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
            change: <AuditChanges record={record} />,
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
      <nav className="flex flex-wrap gap-4 text-sm" aria-label={t("audit.pages")}>
        {filter.before !== undefined ? (
          <Link className="text-blue-700 underline" href={auditTrailHref({ ...filter, before: undefined })}>
            {t("audit.newest")}
          </Link>
        ) : null}
        {older !== undefined ? (
          <Link className="text-blue-700 underline" href={auditTrailHref({ ...filter, before: older })} data-testid="audit-older">
            {t("audit.older")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
