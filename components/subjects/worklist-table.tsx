import Link from "@/components/ui/link";
import { StatusBadge } from "@/components/subjects/status-badge";
import type { WorklistRow } from "@/lib/db/visit-status";
import { getTranslator } from "@/lib/i18n/server";
import { calendarDateFromDb } from "@/lib/validation/calendar-date";

/** Visits of the worklist: subject, study, visit and plan version, target, window, status, and Record for those who may. */
export async function WorklistTable({ rows, testId, canRecord }: { rows: WorklistRow[]; testId: string; canRecord: boolean }) {
  const t = await getTranslator();
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("worklist.none")}</p>;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("subjects.code")}</th>
          <th>{t("subjects.study")}</th>
          <th>{t("visits.visit")}</th>
          <th>{t("visits.target")}</th>
          <th>{t("visits.window")}</th>
          <th>{t("visits.status")}</th>
          {canRecord ? <th /> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.subjectId}-${row.visitId}-${row.planVersion}`}>
            <td className="whitespace-nowrap">
              <Link className="text-blue-700 underline" href={`/subjects/${row.subjectId}`}>
                {row.code}
              </Link>{" "}
              <span className="text-xs text-slate-500">{row.siteCode}</span>
            </td>
            <td>{row.protocolNumber}</td>
            <td>
              {row.visitId} <span className="text-xs text-slate-500">{row.planVersion !== null ? `v${row.planVersion}` : t(`scheduleSource.${row.source as "escalation"}`)}</span>
            </td>
            <td className="whitespace-nowrap">{calendarDateFromDb(row.targetDate)}</td>
            <td className="whitespace-nowrap">
              {calendarDateFromDb(row.windowStart)} – {calendarDateFromDb(row.windowEnd)}
            </td>
            <td>
              <StatusBadge status={row.status} label={t(`visits.status.${row.status}`)} />
            </td>
            {canRecord ? (
              <td>
                {/* A retest or extension visit (no plan version) is recorded like a planned one, as on the subject's timeline. */}
                <Link className="btn-primary" href={`/subjects/${row.subjectId}/visits/new?visitId=${encodeURIComponent(row.visitId)}${row.planVersion !== null ? `&planVersion=${row.planVersion}` : ""}`}>
                  {t("worklist.record")}
                </Link>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
