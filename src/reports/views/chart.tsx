// Charts as server-rendered SVG: bars or lines over the range's buckets, or one
// horizontal bar per named thing. The viewBox is small (text stays readable
// when a phone scales it down); the numbers are in the table beside it, so the
// chart is an image with a label, not the only way to read the figures.
import type { FC } from "hono/jsx";
import { formatNumber } from "../../ui/i18n";
import type { Chart } from "../tab";
import { axisLabel, formatDuration, formatPercent } from "./format";

const W = 360;
const H = 200;
const PAD = { left: 46, right: 8, top: 10, bottom: 24 };

function niceMax(max: number, duration: boolean): number {
  if (max <= 0) return duration ? 60_000 : 4;
  const steps = duration ? [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 86_400_000, 172_800_000, 604_800_000] : [];
  for (const s of steps) if (max <= s * 4) return Math.ceil(max / s) * s;
  const p = 10 ** Math.floor(Math.log10(max));
  const m = [1, 2, 2.5, 5, 10].find((k) => max <= k * p) ?? 10;
  return Math.max(4, m * p);
}

const fmt = (v: number, duration: boolean, percent = false) => (duration ? formatDuration(v) : percent ? formatPercent(v) : formatNumber(Math.round(v)));

export const ChartView: FC<{ chart: Chart; title: string; grain: "h" | "d"; timeZone: string }> = ({ chart, title, grain, timeZone }) => {
  const duration = chart.format === "duration";
  const percent = chart.format === "percent";
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = percent ? 100 : niceMax(Math.max(0, ...values), duration);
  if (chart.kind === "hbars") return <HBars chart={chart} title={title} max={max} duration={duration} />;
  const n = Math.max(1, chart.buckets.length);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const slot = plotW / n;
  const ticks = [0, 0.5, 1].map((k) => k * max);
  const labelAt = [0, Math.floor((n - 1) / 2), n - 1].filter((v, i, a) => a.indexOf(v) === i && chart.buckets[v] !== undefined);
  return (
    <figure class="rchart">
      <svg class="rchart__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {ticks.map((v) => (
          <g>
            <line class="rchart__grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="rchart__tick" x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
              {fmt(v, duration, percent)}
            </text>
          </g>
        ))}
        {chart.kind === "bars"
          ? chart.series.map((s, si) =>
              s.values.map((v, i) => {
                const bw = Math.max(1, (slot * 0.8) / chart.series.length);
                const x = PAD.left + i * slot + slot * 0.1 + si * bw;
                return v ? <rect class={`rchart__bar rchart--s${si}`} x={x.toFixed(1)} y={y(v).toFixed(1)} width={bw.toFixed(1)} height={(PAD.top + plotH - y(v)).toFixed(1)} /> : null;
              }),
            )
          : chart.series.map((s, si) => (
              <g>
                <path class={`rchart__line rchart--s${si}`} d={linePath(s.values, (i) => PAD.left + (i + 0.5) * slot, y)} />
                {n <= 62 ? s.values.map((v, i) => (v === null ? null : <circle class={`rchart__dot rchart--s${si}`} cx={(PAD.left + (i + 0.5) * slot).toFixed(1)} cy={y(v).toFixed(1)} r="2.6" />)) : null}
              </g>
            ))}
        {labelAt.map((i, k) => (
          <text class="rchart__tick" x={PAD.left + (i + 0.5) * slot} y={H - 6} text-anchor={k === 0 && labelAt.length > 1 ? "start" : k === labelAt.length - 1 && labelAt.length > 1 ? "end" : "middle"}>
            {axisLabel(chart.buckets[i] ?? 0, grain, timeZone)}
          </text>
        ))}
      </svg>
      <Legend chart={chart} />
    </figure>
  );
};

/** Segments through the non-null points (a gap where nothing was measured); a lone point is a dot. */
function linePath(values: Array<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const next = values[i + 1];
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)} `;
    if (!pen && (next === null || next === undefined)) d += `h0.1 `;
    pen = true;
  });
  return d.trim() || "M0 0";
}

const Legend: FC<{ chart: Chart }> = ({ chart }) =>
  chart.series.length > 1 ? (
    <figcaption class="rchart__legend">
      {chart.series.map((s, si) => (
        <span class="rchart__key">
          <span class={`rchart__swatch rchart--s${si}`} aria-hidden="true"></span>
          {s.label}
        </span>
      ))}
    </figcaption>
  ) : null;

const HBars: FC<{ chart: Extract<Chart, { kind: "hbars" }>; title: string; max: number; duration: boolean }> = ({ chart, title, max, duration }) => {
  const s = chart.series[0];
  const row = 30;
  const h = Math.max(row, chart.categories.length * row);
  return (
    <figure class="rchart">
      <svg class="rchart__svg" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={title}>
        {chart.categories.map((name, i) => {
          const v = s?.values[i] ?? 0;
          const bw = ((v ?? 0) / max) * (W - 60);
          return (
            <g>
              <text class="rchart__tick" x={0} y={i * row + 11}>
                {name.length > 28 ? `${name.slice(0, 27)}…` : name}
              </text>
              <rect class="rchart__bar rchart--s0" x={0} y={i * row + 15} width={Math.max(1, bw).toFixed(1)} height={10} />
              <text class="rchart__tick" x={Math.max(1, bw) + 4} y={i * row + 24}>
                {fmt(v ?? 0, duration)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};
