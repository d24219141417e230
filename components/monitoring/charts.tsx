import type { ReactNode } from "react";

/**
 * Charts rendered on the server as plain SVG (no chart library: three simple charts do not
 * justify a client bundle, and server SVG prints and needs no JavaScript). The SVG is
 * decorative for assistive technology; each chart's data table is the accessible version,
 * visually hidden on screen and printed instead of nothing (docs/decisions/006-dashboard-sql-and-charts.md).
 */

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, right: 16, bottom: 36, left: 44 };
const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];

function ChartFrame({ id, title, empty, emptyText, svg, table }: { id: string; title: string; empty: boolean; emptyText: string; svg: ReactNode; table: ReactNode }) {
  return (
    <figure className="card flex flex-col gap-2" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`} className="font-semibold">
        {title}
      </figcaption>
      {empty ? (
        <p className="text-sm text-slate-600">{emptyText}</p>
      ) : (
        <>
          {/* Scaled to a phone's width the drawing's text would be about 5 px: there the data table shows instead. */}
          <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="hidden h-auto w-full sm:block print:hidden" aria-hidden="true" focusable="false">
            {svg}
          </svg>
          <div className="overflow-x-auto sm:sr-only print:not-sr-only" data-testid={`${id}-table`}>
            {table}
          </div>
        </>
      )}
    </figure>
  );
}

/**
 * The value axis of a chart of counts: whole-number ticks (1, 2 or 5 × 10ⁿ apart, at most five
 * steps) and the axis top they reach, so no two ticks read the same after rounding and the highest
 * bar is never above the top tick.
 */
export function countAxis(maxValue: number): { top: number; ticks: number[] } {
  const rough = Math.max(1, maxValue) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const top = step * Math.max(1, Math.ceil(maxValue / step));
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

function Axis({ max, format, ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max) }: { max: number; format: (v: number) => string; ticks?: number[] }) {
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - (max === 0 ? 0 : v / max));
  return (
    <g fontSize="10" fill="#475569">
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
          <text x={PAD.left - 6} y={y(tick) + 3} textAnchor="end">
            {format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

export interface BarDatum {
  label: string;
  value: number;
  /** Drawn behind the bar (e.g. the subjects who reached that year). */
  background?: number;
}

/** Vertical bars, optionally over a lighter background bar. */
export function BarChart({ id, title, emptyText, data, table, legend }: { id: string; title: string; emptyText: string; data: BarDatum[]; table: ReactNode; legend?: [string, string] }) {
  const axis = countAxis(Math.max(0, ...data.map((d) => Math.max(d.value, d.background ?? 0))));
  const max = axis.top;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(1, data.length);
  const barWidth = Math.max(4, step * 0.6);
  const y = (v: number) => PAD.top + plotHeight * (1 - v / max);
  return (
    <ChartFrame
      id={id}
      title={title}
      empty={data.length === 0}
      emptyText={emptyText}
      table={table}
      svg={
        <>
          <Axis max={max} ticks={axis.ticks} format={(v) => String(v)} />
          {data.map((d, i) => {
            const x = PAD.left + i * step + (step - barWidth) / 2;
            return (
              <g key={d.label}>
                {d.background !== undefined ? <rect x={x} y={y(d.background)} width={barWidth} height={PAD.top + plotHeight - y(d.background)} fill="#cbd5e1" /> : null}
                <rect x={x} y={y(d.value)} width={barWidth} height={PAD.top + plotHeight - y(d.value)} fill={PALETTE[0]} />
                <text x={x + barWidth / 2} y={HEIGHT - PAD.bottom + 14} fontSize="10" textAnchor="middle" fill="#334155">
                  {d.label}
                </text>
              </g>
            );
          })}
          {legend ? (
            <g fontSize="10" fill="#334155">
              <rect x={PAD.left} y={HEIGHT - 12} width={10} height={8} fill={PALETTE[0]} />
              <text x={PAD.left + 14} y={HEIGHT - 5}>
                {legend[0]}
              </text>
              <rect x={PAD.left + 180} y={HEIGHT - 12} width={10} height={8} fill="#cbd5e1" />
              <text x={PAD.left + 194} y={HEIGHT - 5}>
                {legend[1]}
              </text>
            </g>
          ) : null}
        </>
      }
    />
  );
}

export interface SeriesDatum {
  name: string;
  /** One value per category, null where there is nothing to measure. */
  values: Array<number | null>;
}

/** Lines over categories (quarters), one per series (site), values 0–1 shown as percentages. */
export function RateLineChart({ id, title, emptyText, categories, series, table }: { id: string; title: string; emptyText: string; categories: string[]; series: SeriesDatum[]; table: ReactNode }) {
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (categories.length <= 1 ? plotWidth / 2 : (plotWidth * i) / (categories.length - 1));
  const y = (v: number) => PAD.top + plotHeight * (1 - v);
  return (
    <ChartFrame
      id={id}
      title={title}
      empty={series.length === 0}
      emptyText={emptyText}
      table={table}
      svg={
        <>
          <Axis max={1} format={(v) => `${Math.round(v * 100)}%`} />
          {categories.map((category, i) => (
            // The first and last labels end inside the frame instead of being cut at its edge.
            <text key={category} x={x(i)} y={HEIGHT - PAD.bottom + 14} fontSize="10" textAnchor={categories.length > 1 && i === categories.length - 1 ? "end" : categories.length > 1 && i === 0 ? "start" : "middle"} fill="#334155">
              {category}
            </text>
          ))}
          {series.map((s, index) => {
            const color = PALETTE[index % PALETTE.length];
            const points = s.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
            // Break the line where a quarter has nothing to measure.
            const segments: Array<Array<readonly [number, number]>> = [[]];
            for (const p of points) {
              if (p === null) segments.push([]);
              else segments[segments.length - 1]!.push(p);
            }
            return (
              <g key={s.name}>
                {segments
                  .filter((seg) => seg.length > 1)
                  .map((seg, k) => (
                    <polyline key={k} points={seg.map(([px, py]) => `${px},${py}`).join(" ")} fill="none" stroke={color} strokeWidth={2} />
                  ))}
                {points.map((p, i) => (p ? <circle key={i} cx={p[0]} cy={p[1]} r={3} fill={color} /> : null))}
                <rect x={PAD.left + index * 110} y={HEIGHT - 12} width={10} height={8} fill={color} />
                <text x={PAD.left + index * 110 + 14} y={HEIGHT - 5} fontSize="10" fill="#334155">
                  {s.name}
                </text>
              </g>
            );
          })}
        </>
      }
    />
  );
}
