import type { Translate } from "@/lib/i18n/translate";
import { parseCalendarDate } from "@/lib/schedule/calendar-date";

export interface TrendPoint {
  id: string;
  kind: "persistence" | "vector_copy_number";
  collectedDate: string;
  detected: boolean;
  value: number | null;
  unit: string | null;
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 56;
const RIGHT = 16;
const TOP = 16;
const PLOT_BOTTOM = 150;
const BAND_Y = 185;

/**
 * Persistence and vector copy number over time, server-rendered SVG (no script): the VCN
 * values as a line, every persistence / VCN result as a marker whose fill says detected (filled)
 * or not detected (hollow, with a cross), the end of the planned period as a dashed line. The
 * same data is listed in the results table; the chart carries a text summary for screen readers.
 */
export function PersistenceTrend({ points, dosingDate, followUpEnd, today, t }: { points: TrendPoint[]; dosingDate: string; followUpEnd: string | null; today: string; t: Translate }) {
  if (points.length === 0) return <p className="text-sm text-slate-600">{t("safety.trend.none")}</p>;
  const day = (date: string) => parseCalendarDate(date)!;
  const lastResult = points.reduce((latest, p) => (p.collectedDate > latest ? p.collectedDate : latest), points[0]!.collectedDate);
  const start = day(dosingDate);
  const endDate = [lastResult, today, ...(followUpEnd && followUpEnd <= today ? [followUpEnd] : [])].reduce((a, b) => (a > b ? a : b));
  const end = Math.max(day(endDate), start + 30);
  const x = (date: string) => LEFT + ((day(date) - start) / (end - start)) * (WIDTH - LEFT - RIGHT);
  const values = points.filter((p) => p.kind === "vector_copy_number" && p.value !== null) as Array<TrendPoint & { value: number }>;
  const maxValue = Math.max(...values.map((p) => p.value), 0) || 1;
  const y = (value: number) => PLOT_BOTTOM - (value / maxValue) * (PLOT_BOTTOM - TOP);
  const unit = values.find((p) => p.unit)?.unit ?? "";
  const line = values.map((p) => `${x(p.collectedDate).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const years = Math.floor((end - start) / 365.25);
  const ticks = Array.from({ length: years + 1 }, (_, i) => i).filter((i) => years <= 10 || i % 2 === 0);
  const summary = points.map((p) => `${p.collectedDate} ${t(`sampleKind.${p.kind}`)}: ${p.detected ? t("safety.trend.detected") : t("safety.trend.notDetected")}${p.value !== null ? ` ${p.value}${p.unit ? ` ${p.unit}` : ""}` : ""}`).join("; ");
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full max-w-3xl" role="img" aria-label={`${t("safety.trend.title")}: ${summary}`} data-testid="persistence-trend">
        <line x1={LEFT} y1={PLOT_BOTTOM} x2={WIDTH - RIGHT} y2={PLOT_BOTTOM} stroke="#94a3b8" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={PLOT_BOTTOM} stroke="#94a3b8" />
        <text x={LEFT - 6} y={TOP + 4} textAnchor="end" fontSize="10" fill="#475569">
          {maxValue}
        </text>
        <text x={LEFT - 6} y={PLOT_BOTTOM} textAnchor="end" fontSize="10" fill="#475569">
          0
        </text>
        <text x={4} y={TOP + 60} fontSize="10" fill="#475569" transform={`rotate(-90 10 ${TOP + 60})`}>
          {t("sampleKind.vector_copy_number")} {unit}
        </text>
        {ticks.map((i) => {
          const tx = LEFT + ((i * 365.25) / (end - start)) * (WIDTH - LEFT - RIGHT);
          return (
            <g key={i}>
              <line x1={tx} y1={PLOT_BOTTOM} x2={tx} y2={PLOT_BOTTOM + 4} stroke="#94a3b8" />
              <text x={tx} y={PLOT_BOTTOM + 14} textAnchor="middle" fontSize="10" fill="#475569">
                {i}y
              </text>
            </g>
          );
        })}
        {followUpEnd && day(followUpEnd) <= end ? (
          <g data-testid="trend-follow-up-end">
            <line x1={x(followUpEnd)} y1={TOP} x2={x(followUpEnd)} y2={BAND_Y + 8} stroke="#b45309" strokeDasharray="4 3" />
            <text x={x(followUpEnd) - 4} y={TOP + 10} textAnchor="end" fontSize="10" fill="#b45309">
              {t("safety.trend.followUpEnd")}
            </text>
          </g>
        ) : null}
        {values.length > 1 ? <polyline points={line} fill="none" stroke="#1d4ed8" strokeWidth="2" /> : null}
        {values.map((p) => (
          <circle key={`v-${p.id}`} cx={x(p.collectedDate)} cy={y(p.value)} r="4" fill={p.detected ? "#1d4ed8" : "#fff"} stroke="#1d4ed8" strokeWidth="2">
            <title>{`${p.collectedDate}: ${p.value} ${p.unit ?? ""}`}</title>
          </circle>
        ))}
        <text x={LEFT - 6} y={BAND_Y + 4} textAnchor="end" fontSize="10" fill="#475569">
          {t("safety.result.detected")}?
        </text>
        {points.map((p) => (
          <g key={`d-${p.id}`} data-detected={p.detected ? "true" : "false"} data-testid="trend-marker">
            <circle cx={x(p.collectedDate)} cy={BAND_Y} r="5" fill={p.detected ? "#b91c1c" : "#fff"} stroke={p.detected ? "#b91c1c" : "#15803d"} strokeWidth="2" />
            {p.detected ? null : <path d={`M${x(p.collectedDate) - 3},${BAND_Y - 3} l6,6 m0,-6 l-6,6`} stroke="#15803d" strokeWidth="1.5" />}
            <title>{`${p.collectedDate} ${t(`sampleKind.${p.kind}`)}: ${p.detected ? t("safety.trend.detected") : t("safety.trend.notDetected")}`}</title>
          </g>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-700">
        <span>
          <span className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-red-700" aria-hidden="true" />
          {t("safety.trend.detected")}
        </span>
        <span>
          <span className="mr-1 inline-block h-2.5 w-2.5 rounded-full border-2 border-green-700 bg-white" aria-hidden="true" />
          {t("safety.trend.notDetected")}
        </span>
        <span>
          <span className="mr-1 inline-block h-0.5 w-4 bg-blue-700 align-middle" aria-hidden="true" />
          {t("sampleKind.vector_copy_number")}
        </span>
      </figcaption>
    </figure>
  );
}
